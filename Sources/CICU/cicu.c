// CICU implementation: normalisation, Traditional->Simplified, word break and
// transliteration over system ICU 72. The only file that includes ICU headers.
#include "cicu.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>
#include <unicode/utypes.h>

// ---- Traditional -> Simplified as a per-character table ----
// ICU's "Traditional-Simplified" transliterator maps character by character
// but runs at well under a million characters per second. Running it once per
// BMP ideograph at start-up and keeping the answers in a table makes the
// mapping a lookup.
static uint16_t *t2s_table;
static char t2s_error[160];
static pthread_once_t t2s_once = PTHREAD_ONCE_INIT;

static void fail(char *err, int32_t cap, const char *what, UErrorCode st) {
    if (err && cap > 0) snprintf(err, (size_t)cap, "%s: %s", what, u_errorName(st));
}

static void build_t2s(void) {
    UErrorCode st = U_ZERO_ERROR;
    UChar id[32];
    u_uastrcpy(id, "Traditional-Simplified");
    UTransliterator *tr = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
    if (U_FAILURE(st)) {
        snprintf(t2s_error, sizeof t2s_error, "utrans_openU(Traditional-Simplified): %s", u_errorName(st));
        return;
    }
    uint16_t *table = calloc(65536, sizeof(uint16_t));
    if (!table) {
        snprintf(t2s_error, sizeof t2s_error, "out of memory");
        utrans_close(tr);
        return;
    }
    static const UChar32 ranges[][2] = {{0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xF900, 0xFAFF}};
    for (size_t r = 0; r < sizeof ranges / sizeof ranges[0]; ++r) {
        for (UChar32 c = ranges[r][0]; c <= ranges[r][1]; ++c) {
            UChar buf[8] = {(UChar)c};
            int32_t len = 1, limit = 1;
            UErrorCode cst = U_ZERO_ERROR;
            utrans_transUChars(tr, buf, &len, 8, 0, &limit, &cst);
            if (U_SUCCESS(cst) && len == 1 && buf[0] != (UChar)c && !U16_IS_SURROGATE(buf[0]))
                table[c] = buf[0];
        }
    }
    utrans_close(tr);
    t2s_table = table;
}

struct cicu_analyzer {
    UBreakIterator *brk;
    const UNormalizer2 *norm;
    UChar *in16;
    int32_t in16_cap;
    UChar *norm16;
    int32_t norm16_cap;
    char *out8;
    int32_t out8_cap;
    int32_t *map; /* UTF-16 index -> UTF-8 offset, one extra entry for the end */
    int32_t map_cap;
    cicu_span *spans;
    int32_t spans_cap;
};

static int grow(void **buf, int32_t *cap, int32_t need, size_t elem) {
    if (need <= *cap) return 1;
    int32_t n = *cap ? *cap : 64;
    while (n < need) n *= 2;
    void *p = realloc(*buf, (size_t)n * elem);
    if (!p) return 0;
    *buf = p;
    *cap = n;
    return 1;
}

int cicu_analyzer_open(cicu_analyzer **out, char *err, int32_t err_cap) {
    *out = NULL;
    pthread_once(&t2s_once, build_t2s);
    if (!t2s_table) {
        if (err && err_cap > 0) snprintf(err, (size_t)err_cap, "%s", t2s_error);
        return 1;
    }
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *norm = unorm2_getNFKCCasefoldInstance(&st);
    if (U_FAILURE(st)) {
        fail(err, err_cap, "unorm2_getNFKCCasefoldInstance", st);
        return 1;
    }
    UBreakIterator *brk = ubrk_open(UBRK_WORD, "zh", NULL, 0, &st);
    if (U_FAILURE(st)) {
        fail(err, err_cap, "ubrk_open(UBRK_WORD, zh)", st);
        return 1;
    }
    cicu_analyzer *a = calloc(1, sizeof *a);
    if (!a) {
        ubrk_close(brk);
        if (err && err_cap > 0) snprintf(err, (size_t)err_cap, "out of memory");
        return 1;
    }
    a->brk = brk;
    a->norm = norm;
    *out = a;
    return 0;
}

void cicu_analyzer_close(cicu_analyzer *a) {
    if (!a) return;
    ubrk_close(a->brk);
    free(a->in16);
    free(a->norm16);
    free(a->out8);
    free(a->map);
    free(a->spans);
    free(a);
}

// Writes norm16[0..n) as UTF-8 into out8 and fills map[i] = byte offset of unit i.
static int to_utf8(cicu_analyzer *a, int32_t n) {
    if (!grow((void **)&a->out8, &a->out8_cap, 3 * n + 1, 1)) return 0;
    if (!grow((void **)&a->map, &a->map_cap, n + 1, sizeof(int32_t))) return 0;
    const UChar *s = a->norm16;
    char *o = a->out8;
    int32_t j = 0;
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        int32_t start = i;
        U16_NEXT(s, i, n, c);
        if (U_IS_SURROGATE(c)) c = 0xFFFD; /* unpaired surrogate */
        for (int32_t k = start; k < i; ++k) a->map[k] = j;
        if (c < 0x80) {
            o[j++] = (char)c;
        } else if (c < 0x800) {
            o[j++] = (char)(0xC0 | (c >> 6));
            o[j++] = (char)(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            o[j++] = (char)(0xE0 | (c >> 12));
            o[j++] = (char)(0x80 | ((c >> 6) & 0x3F));
            o[j++] = (char)(0x80 | (c & 0x3F));
        } else {
            o[j++] = (char)(0xF0 | (c >> 18));
            o[j++] = (char)(0x80 | ((c >> 12) & 0x3F));
            o[j++] = (char)(0x80 | ((c >> 6) & 0x3F));
            o[j++] = (char)(0x80 | (c & 0x3F));
        }
    }
    a->map[n] = j;
    o[j] = '\0';
    return j + 1; /* > 0 on success */
}

static int is_space_span(const UChar *s, int32_t from, int32_t to) {
    for (int32_t i = from; i < to;) {
        UChar32 c;
        U16_NEXT(s, i, to, c);
        if (!u_isUWhiteSpace(c) && !u_iscntrl(c) && c != 0xFFFD) return 0;
    }
    return 1;
}

int cicu_analyze(cicu_analyzer *a, const char *utf8, int32_t len, int segment,
                 const char **text_out, int32_t *text_len,
                 const cicu_span **spans_out, int32_t *spans_count,
                 char *err, int32_t err_cap) {
    *text_out = "";
    *text_len = 0;
    *spans_out = NULL;
    *spans_count = 0;
    if (len < 0) len = (int32_t)strlen(utf8);
    if (len == 0) return 0;

    UErrorCode st = U_ZERO_ERROR;
    if (!grow((void **)&a->in16, &a->in16_cap, len + 1, sizeof(UChar))) goto oom;
    int32_t n16 = 0;
    // Invalid UTF-8 becomes U+FFFD instead of failing: bad bytes must not lose the rest.
    u_strFromUTF8WithSub(a->in16, a->in16_cap, &n16, utf8, len, 0xFFFD, NULL, &st);
    if (U_FAILURE(st)) {
        fail(err, err_cap, "u_strFromUTF8WithSub", st);
        return 1;
    }

    if (!grow((void **)&a->norm16, &a->norm16_cap, 2 * n16 + 16, sizeof(UChar))) goto oom;
    int32_t m = unorm2_normalize(a->norm, a->in16, n16, a->norm16, a->norm16_cap, &st);
    if (st == U_BUFFER_OVERFLOW_ERROR) {
        st = U_ZERO_ERROR;
        if (!grow((void **)&a->norm16, &a->norm16_cap, m + 1, sizeof(UChar))) goto oom;
        m = unorm2_normalize(a->norm, a->in16, n16, a->norm16, a->norm16_cap, &st);
    }
    if (U_FAILURE(st)) {
        fail(err, err_cap, "unorm2_normalize", st);
        return 1;
    }
    for (int32_t i = 0; i < m; ++i) {
        uint16_t mapped = t2s_table[a->norm16[i]];
        if (mapped) a->norm16[i] = mapped;
    }
    int32_t n8 = to_utf8(a, m);
    if (!n8) goto oom;
    *text_out = a->out8;
    *text_len = n8 - 1;
    if (!segment || m == 0) return 0;

    ubrk_setText(a->brk, a->norm16, m, &st);
    if (U_FAILURE(st)) {
        fail(err, err_cap, "ubrk_setText", st);
        return 1;
    }
    int32_t count = 0;
    int32_t prev = ubrk_first(a->brk);
    for (int32_t next = ubrk_next(a->brk); next != UBRK_DONE; prev = next, next = ubrk_next(a->brk)) {
        int32_t status = ubrk_getRuleStatus(a->brk);
        if (status < UBRK_WORD_NONE_LIMIT && is_space_span(a->norm16, prev, next)) continue;
        if (!grow((void **)&a->spans, &a->spans_cap, count + 1, sizeof(cicu_span))) goto oom;
        a->spans[count].start = a->map[prev];
        a->spans[count].end = a->map[next];
        a->spans[count].status = status;
        ++count;
    }
    *spans_out = a->spans;
    *spans_count = count;
    return 0;

oom:
    if (err && err_cap > 0) snprintf(err, (size_t)err_cap, "out of memory");
    return 1;
}

struct cicu_translit {
    UTransliterator *tr;
    UChar *buf;
    int32_t buf_cap;
    char *out;
    int32_t out_cap;
};

int cicu_translit_open(const char *id, cicu_translit **out, char *err, int32_t err_cap) {
    *out = NULL;
    UErrorCode st = U_ZERO_ERROR;
    int32_t idlen = (int32_t)strlen(id);
    UChar *uid = malloc(sizeof(UChar) * (size_t)(idlen + 1));
    if (!uid) return 1;
    u_uastrncpy(uid, id, idlen + 1);
    UTransliterator *tr = utrans_openU(uid, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
    free(uid);
    if (U_FAILURE(st)) {
        fail(err, err_cap, "utrans_openU", st);
        return 1;
    }
    cicu_translit *t = calloc(1, sizeof *t);
    if (!t) {
        utrans_close(tr);
        return 1;
    }
    t->tr = tr;
    *out = t;
    return 0;
}

void cicu_translit_close(cicu_translit *t) {
    if (!t) return;
    utrans_close(t->tr);
    free(t->buf);
    free(t->out);
    free(t);
}

int cicu_translit_run(cicu_translit *t, const char *utf8, int32_t len,
                      const char **out, int32_t *out_len, char *err, int32_t err_cap) {
    *out = "";
    *out_len = 0;
    if (len < 0) len = (int32_t)strlen(utf8);
    if (len == 0) return 0;
    UErrorCode st = U_ZERO_ERROR;
    if (!grow((void **)&t->buf, &t->buf_cap, 4 * len + 16, sizeof(UChar))) return 1;
    int32_t n = 0;
    u_strFromUTF8WithSub(t->buf, t->buf_cap, &n, utf8, len, 0xFFFD, NULL, &st);
    if (U_FAILURE(st)) {
        fail(err, err_cap, "u_strFromUTF8WithSub", st);
        return 1;
    }
    for (;;) {
        int32_t tlen = n, limit = n;
        st = U_ZERO_ERROR;
        utrans_transUChars(t->tr, t->buf, &tlen, t->buf_cap, 0, &limit, &st);
        if (st == U_BUFFER_OVERFLOW_ERROR) {
            // The text was transformed in place up to the overflow: start again from the input.
            if (!grow((void **)&t->buf, &t->buf_cap, t->buf_cap * 2, sizeof(UChar))) return 1;
            st = U_ZERO_ERROR;
            u_strFromUTF8WithSub(t->buf, t->buf_cap, &n, utf8, len, 0xFFFD, NULL, &st);
            continue;
        }
        if (U_FAILURE(st)) {
            fail(err, err_cap, "utrans_transUChars", st);
            return 1;
        }
        n = tlen;
        break;
    }
    int32_t need = 0;
    st = U_ZERO_ERROR;
    u_strToUTF8WithSub(NULL, 0, &need, t->buf, n, 0xFFFD, NULL, &st);
    st = U_ZERO_ERROR;
    if (!grow((void **)&t->out, &t->out_cap, need + 1, 1)) return 1;
    u_strToUTF8WithSub(t->out, t->out_cap, &need, t->buf, n, 0xFFFD, NULL, &st);
    if (U_FAILURE(st)) {
        fail(err, err_cap, "u_strToUTF8WithSub", st);
        return 1;
    }
    *out = t->out;
    *out_len = need;
    return 0;
}
