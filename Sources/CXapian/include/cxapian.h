// CXapian: the only place in Huopan that touches C++.
//
// An extern "C" API over Xapian 1.4 with opaque handles. Every entry point
// catches every C++ exception and reports it as a status code plus an owned
// message (free it with cx_string_free). Swift's C++ interop cannot be used
// for this: an exception thrown through it aborts the process.
//
// Bulk data crosses the boundary in one call: a document is described by a
// cx_docspec of packed arrays, a query is a compact bytecode built by Swift
// (see XapianQuery.swift), and a search returns one owned byte buffer holding
// the whole candidate window (layout at cx_search; decoded in XapianDatabase.swift).
#ifndef CXAPIAN_H
#define CXAPIAN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Status codes; CX_OK is zero, everything else is an error class.
enum {
    CX_OK = 0,
    CX_ERR_DATABASE_OPENING = 1,
    CX_ERR_DATABASE_NOT_FOUND = 2,
    CX_ERR_DATABASE_LOCK = 3,
    CX_ERR_DATABASE_CORRUPT = 4,
    CX_ERR_DATABASE_MODIFIED = 5,
    CX_ERR_DATABASE_VERSION = 6,
    CX_ERR_DATABASE = 7,
    CX_ERR_NETWORK_TIMEOUT = 8,
    CX_ERR_NETWORK = 9,
    CX_ERR_INVALID_ARGUMENT = 10,
    CX_ERR_XAPIAN = 11,
    CX_ERR_STD = 12,
    CX_ERR_UNKNOWN = 13,
    CX_ERR_BAD_QUERY = 14,
    CX_ERR_UNIMPLEMENTED = 15
};

typedef struct cx_db cx_db;   /* read-only Xapian::Database (possibly several combined) */
typedef struct cx_wdb cx_wdb; /* Xapian::WritableDatabase */

void cx_string_free(char *s);
void cx_buffer_free(uint8_t *buffer);

/* ---------- documents ---------- */

/// A document to write, as packed arrays so one call adds a whole document.
typedef struct {
    const char *terms;          /* concatenated UTF-8 term bytes */
    const uint32_t *term_ends;  /* end offset of term i in `terms` */
    const uint32_t *wdfs;       /* wdf increment; 0 makes a boolean term */
    const uint32_t *positions;  /* position of term i, 0 = no position; may be NULL */
    uint32_t term_count;

    const uint32_t *num_slots;  /* numeric values, stored with sortable_serialise */
    const double *num_values;
    uint32_t num_count;

    const uint32_t *raw_slots;  /* byte values stored as given */
    const char *raw_bytes;
    const uint32_t *raw_ends;
    uint32_t raw_count;

    const char *data;           /* stored document data */
    uint32_t data_len;
} cx_docspec;

/* ---------- writable database ---------- */

enum {
    CX_WDB_CREATE = 1,       /* create if missing (parent directory must exist) */
    CX_WDB_OVERWRITE = 2,    /* replace whatever is there */
    CX_WDB_NO_SYNC = 4       /* skip fsync: only for scratch builds that are compacted later */
};

int cx_wdb_open(const char *path, int flags, cx_wdb **out, char **err);
/// Adds or replaces the document indexed by the unique term `idterm`.
int cx_wdb_replace(cx_wdb *wdb, const char *idterm, const cx_docspec *spec, char **err);
/// Adds a new document (the caller guarantees `idterm` is new); faster for full builds.
int cx_wdb_add(cx_wdb *wdb, const cx_docspec *spec, uint32_t *docid_out, char **err);
/// Deletes every document indexed by `idterm`; *deleted_out tells whether one existed.
int cx_wdb_delete(cx_wdb *wdb, const char *idterm, int *deleted_out, char **err);
/// Deletes one document by docid; *deleted_out tells whether it existed.
int cx_wdb_delete_docid(cx_wdb *wdb, uint32_t docid, int *deleted_out, char **err);
int cx_wdb_commit(cx_wdb *wdb, char **err);
/// A group of changes that is committed whole or not at all (flushed on commit).
int cx_wdb_begin_transaction(cx_wdb *wdb, char **err);
int cx_wdb_commit_transaction(cx_wdb *wdb, char **err);
/// Discards every change since cx_wdb_begin_transaction.
int cx_wdb_cancel_transaction(cx_wdb *wdb, char **err);
int cx_wdb_doccount(cx_wdb *wdb, uint32_t *out, char **err);
/// Commits pending changes, releases the lock and frees the handle. Always frees.
int cx_wdb_close(cx_wdb *wdb, char **err);

/// Merges the databases at `paths` into a new compact database at `output`.
int cx_compact(const char *const *paths, uint32_t count, const char *output, char **err);

/* ---------- read-only database ---------- */

/// Opens one database, a stub file, or several databases searched as one.
int cx_db_open(const char *const *paths, uint32_t count, cx_db **out, char **err);
/// Opens a database served by xapian-tcpsrv.
int cx_db_open_remote(const char *host, uint32_t port, uint32_t timeout_ms,
                      uint32_t connect_timeout_ms, cx_db **out, char **err);
/// Adds the sub-databases of `other` to `db` (both stay owned by the caller).
int cx_db_add(cx_db *db, const cx_db *other, char **err);
void cx_db_close(cx_db *db);
/// Brings the handle up to the latest committed revision; *changed_out = 1 if it moved.
int cx_db_reopen(cx_db *db, int *changed_out, char **err);
int cx_db_stats(cx_db *db, uint32_t *doccount, double *avlength, uint32_t *lastdocid, char **err);
/// First document indexed by `term`, 0 if none.
int cx_db_docid_for_term(cx_db *db, const char *term, uint32_t *docid_out, char **err);
/// Up to `limit` terms starting with `prefix` that sort after `after` (all of them when
/// `after` is empty), in term order: per term u32 length then bytes. For paging by id.
int cx_db_terms_after(cx_db *db, const char *prefix, const char *after, uint32_t limit,
                      uint8_t **out, uint32_t *out_len, char **err);
/// Stored data of each docid: per doc u32 length then bytes; length 0xFFFFFFFF if missing.
int cx_db_get_data(cx_db *db, const uint32_t *docids, uint32_t count,
                   uint8_t **out, uint32_t *out_len, char **err);

/* ---------- search ---------- */

/// Query bytecode opcodes (little-endian operands).
enum {
    CX_Q_TERM = 1,        /* u32 len, bytes, u32 wqf, u32 pos */
    CX_Q_COMBINE = 2,     /* u8 op, u32 parameter, u32 n, n children */
    CX_Q_VALUE_RANGE = 3, /* u32 slot, u8 flags(1 lo, 2 hi), f64 lo, f64 hi */
    CX_Q_SCALE = 4,       /* f64 factor, child */
    CX_Q_PRIOR = 5,       /* u32 slot: ValueWeightPostingSource */
    CX_Q_ALL = 6,
    CX_Q_NOTHING = 7
};

/// Operators for CX_Q_COMBINE.
enum {
    CX_OP_AND = 0, CX_OP_OR = 1, CX_OP_AND_NOT = 2, CX_OP_XOR = 3,
    CX_OP_AND_MAYBE = 4, CX_OP_FILTER = 5, CX_OP_NEAR = 6, CX_OP_PHRASE = 7,
    CX_OP_ELITE_SET = 8, CX_OP_SYNONYM = 9, CX_OP_MAX = 10
};

enum { CX_WEIGHT_BM25 = 0, CX_WEIGHT_BOOL = 1 };

typedef struct {
    const uint8_t *query;
    uint32_t query_len;
    uint32_t first;
    uint32_t max_items;
    uint32_t check_at_least;
    uint32_t weighting;          /* CX_WEIGHT_* */
    double k1, k2, k3, b, min_normlen;
    int32_t collapse_slot;       /* -1: no collapse */
    uint32_t collapse_max;
    int32_t sort_slot;           /* -1: by relevance */
    int32_t sort_descending;
    const uint32_t *num_slots;   /* returned per hit as f64 (NaN when absent) */
    uint32_t num_slot_count;
    const uint32_t *raw_slots;   /* returned per hit as bytes */
    uint32_t raw_slot_count;
    const uint32_t *facet_slots; /* ValueCountMatchSpy per slot */
    uint32_t facet_slot_count;
    uint32_t facet_limit;        /* top values per facet, 0 = all */
    int32_t want_data;
    /* CLOCK_MONOTONIC nanoseconds past which the match stops (0: no deadline; local
       databases only, a remote shard has its own timeout). */
    int64_t deadline_ns;
    /* Only documents whose docid lies in (from·last, to·last] of each database's docid
       space (to <= 0: all). Local databases only; a remote shard matches all. */
    double docid_share_from, docid_share_to;
} cx_search_request;

/// Runs one search and returns the whole window in one buffer:
///   u64 matches_lower, u64 matches_estimated, u64 matches_upper, u32 hits,
///   per hit: u32 docid, f64 weight, u32 collapse_count,
///            f64 per num slot, (u32 len, bytes) per raw slot, (u32 len, bytes) data if wanted,
///   u32 facets, per facet: u32 values, per value (u32 len, bytes, u32 count),
///   u32 timed_out (1 when the deadline stopped the match: counts and hits are partial).
int cx_search(cx_db *db, const cx_search_request *request,
              uint8_t **out, uint32_t *out_len, char **err);

#ifdef __cplusplus
}
#endif

#endif
