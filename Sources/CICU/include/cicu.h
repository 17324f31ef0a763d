// CICU: the few ICU calls Huopan needs, behind a header that uses only
// <stdint.h> types. ICU's own headers are included only by cicu.c: a Swift
// module that sees both system ICU and Foundation's bundled ICU headers fails
// to build from a clean module cache (their declarations clash only when neither
// module is cached yet, so incremental builds hide the problem).
#ifndef CICU_H
#define CICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// One token of the word-break pass over normalised text.
typedef struct {
    int32_t start;   /* UTF-8 byte offset into the normalised text */
    int32_t end;
    int32_t status;  /* ubrk rule status: 0 none, 100 number, 200 letter, 300 kana, 400 ideographic */
} cicu_span;

typedef struct cicu_analyzer cicu_analyzer;
typedef struct cicu_translit cicu_translit;

/// Opens a word breaker for Chinese ("zh") with its own reusable buffers.
/// Not thread-safe: use one per thread. Returns 0 on success, else writes a message to err.
int cicu_analyzer_open(cicu_analyzer **out, char *err, int32_t err_cap);
void cicu_analyzer_close(cicu_analyzer *a);

/// Normalises UTF-8 text (NFKC with case folding, so full-width forms become
/// ASCII and letters lower-case; Traditional characters mapped to Simplified)
/// and breaks it into words. Results stay valid until the next call on `a`.
/// `segment` = 0 normalises only (spans_count is 0).
int cicu_analyze(cicu_analyzer *a, const char *utf8, int32_t len, int segment,
                 const char **text_out, int32_t *text_len,
                 const cicu_span **spans_out, int32_t *spans_count,
                 char *err, int32_t err_cap);

/// Opens an ICU transliterator by ID (e.g. "Han-Latin; Latin-ASCII"). Not thread-safe.
int cicu_translit_open(const char *id, cicu_translit **out, char *err, int32_t err_cap);
void cicu_translit_close(cicu_translit *t);
/// Transliterates UTF-8 text; the result stays valid until the next call on `t`.
int cicu_translit_run(cicu_translit *t, const char *utf8, int32_t len,
                      const char **out, int32_t *out_len, char *err, int32_t err_cap);

#ifdef __cplusplus
}
#endif

#endif
