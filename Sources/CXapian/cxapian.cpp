// CXapian implementation. Every extern "C" function runs its body through
// `guarded`, which turns any exception into a status code and an owned message,
// so no C++ exception ever crosses into Swift.
#include "cxapian.h"

#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <time.h>
#include <vector>

struct cx_db {
    Xapian::Database db;
    // A remote shard answers one round trip per document read unless the reads are
    // pipelined through MSet::fetch, so searches need to know.
    bool remote = false;
};

struct cx_wdb {
    Xapian::WritableDatabase db;
};

namespace {

char *dup_string(const std::string &s) {
    char *p = static_cast<char *>(std::malloc(s.size() + 1));
    if (p) {
        std::memcpy(p, s.data(), s.size());
        p[s.size()] = '\0';
    }
    return p;
}

int classify(const Xapian::Error &e) {
    // Xapian::Error has no virtual functions, so the class is told by get_type().
    const std::string type = e.get_type();
    if (type == "DatabaseLockError") return CX_ERR_DATABASE_LOCK;
    if (type == "DatabaseNotFoundError") return CX_ERR_DATABASE_NOT_FOUND;
    if (type == "DatabaseVersionError") return CX_ERR_DATABASE_VERSION;
    if (type == "DatabaseOpeningError") return CX_ERR_DATABASE_OPENING;
    if (type == "DatabaseCorruptError") return CX_ERR_DATABASE_CORRUPT;
    if (type == "DatabaseModifiedError") return CX_ERR_DATABASE_MODIFIED;
    if (type == "NetworkTimeoutError") return CX_ERR_NETWORK_TIMEOUT;
    if (type == "NetworkError") return CX_ERR_NETWORK;
    if (type == "InvalidArgumentError") return CX_ERR_INVALID_ARGUMENT;
    if (type == "UnimplementedError") return CX_ERR_UNIMPLEMENTED;
    if (type.compare(0, 8, "Database") == 0) return CX_ERR_DATABASE;
    return CX_ERR_XAPIAN;
}

struct BadQuery : std::exception {
    std::string what_;
    explicit BadQuery(std::string w) : what_(std::move(w)) {}
    const char *what() const noexcept override { return what_.c_str(); }
};

template <typename F>
int guarded(char **err, F &&body) noexcept {
    if (err) *err = nullptr;
    try {
        body();
        return CX_OK;
    } catch (const Xapian::Error &e) {
        if (err) *err = dup_string(e.get_type() + std::string(": ") + e.get_msg() +
                                   (e.get_context().empty() ? "" : " (" + e.get_context() + ")"));
        return classify(e);
    } catch (const BadQuery &e) {
        if (err) *err = dup_string(std::string("BadQuery: ") + e.what());
        return CX_ERR_BAD_QUERY;
    } catch (const std::exception &e) {
        if (err) *err = dup_string(std::string("std::exception: ") + e.what());
        return CX_ERR_STD;
    } catch (...) {
        if (err) *err = dup_string("unknown C++ exception");
        return CX_ERR_UNKNOWN;
    }
}

// ---- little-endian byte buffers ----

struct Writer {
    std::string out;
    void u32(uint32_t v) { out.append(reinterpret_cast<const char *>(&v), 4); }
    void u64(uint64_t v) { out.append(reinterpret_cast<const char *>(&v), 8); }
    void f64(double v) { out.append(reinterpret_cast<const char *>(&v), 8); }
    void bytes(const std::string &s) {
        u32(static_cast<uint32_t>(s.size()));
        out.append(s);
    }
    void give(uint8_t **buf, uint32_t *len) {
        if (out.size() > UINT32_MAX) throw BadQuery("result larger than 4 GiB");
        uint8_t *p = static_cast<uint8_t *>(std::malloc(out.empty() ? 1 : out.size()));
        if (!p) throw std::bad_alloc();
        std::memcpy(p, out.data(), out.size());
        *buf = p;
        *len = static_cast<uint32_t>(out.size());
    }
};

struct Reader {
    const uint8_t *p;
    const uint8_t *end;
    template <typename T> T read() {
        if (static_cast<size_t>(end - p) < sizeof(T)) throw BadQuery("truncated query bytecode");
        T v;
        std::memcpy(&v, p, sizeof(T));
        p += sizeof(T);
        return v;
    }
    std::string str() {
        uint32_t n = read<uint32_t>();
        if (static_cast<size_t>(end - p) < n) throw BadQuery("truncated string in query bytecode");
        std::string s(reinterpret_cast<const char *>(p), n);
        p += n;
        return s;
    }
};

int64_t monotonic_ns() {
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

// Matches every document until the deadline, then ends. Used as an OP_FILTER beside the
// query, it makes the whole match end at the deadline: Xapian 1.4's Enquire::set_time_limit
// only stops checking extra documents for counts, it never ends a match. The clock is read
// every 64 documents so the check costs nothing measurable.
class DeadlineSource : public Xapian::PostingSource {
    int64_t deadline_;
    bool *fired_;
    Xapian::docid did_ = 0, last_ = 0;
    unsigned steps_ = 0;

    void check() {
        if ((++steps_ & 63) == 0 && monotonic_ns() > deadline_) {
            *fired_ = true;
            did_ = last_ + 1;
        }
    }

  public:
    DeadlineSource(int64_t deadline, bool *fired) : deadline_(deadline), fired_(fired) {}
    PostingSource *clone() const override { return new DeadlineSource(deadline_, fired_); }
    void init(const Xapian::Database &db) override {
        did_ = 0;
        last_ = db.get_lastdocid();
        const Xapian::doccount n = db.get_doccount();
        set_maxweight(0);
        termfreq_min = termfreq_est = termfreq_max = n;
        if (monotonic_ns() > deadline_) {
            *fired_ = true;
            did_ = last_ + 1;
        }
    }
    Xapian::doccount get_termfreq_min() const override { return termfreq_min; }
    Xapian::doccount get_termfreq_est() const override { return termfreq_est; }
    Xapian::doccount get_termfreq_max() const override { return termfreq_max; }
    void next(double) override {
        if (did_ <= last_) ++did_;
        check();
    }
    void skip_to(Xapian::docid did, double) override {
        if (did > did_) did_ = did;
        check();
    }
    bool at_end() const override { return did_ > last_; }
    Xapian::docid get_docid() const override { return did_; }
    std::string get_description() const override { return "DeadlineSource"; }

  private:
    Xapian::doccount termfreq_min = 0, termfreq_est = 0, termfreq_max = 0;
};

// Matches the documents numbered in (from·last, to·last] of each database's docid space.
// The builder numbers offers best static quality first, so beside a query as an OP_FILTER
// it ends the match once the best-quality part of the index has been walked: the head
// query that matches 60,000 offers looks at the few thousand best of them, not at all.
// Docids are per subdatabase (Xapian inits a clone per shard), so every shard contributes
// its own best part. Deleted docids are returned too; the query beside it never matches them.
class DocidShareSource : public Xapian::PostingSource {
    double from_, to_;
    Xapian::docid did_ = 0, first_ = 1, last_ = 0;
    bool started_ = false;

  public:
    DocidShareSource(double from, double to) : from_(from), to_(to) {}
    PostingSource *clone() const override { return new DocidShareSource(from_, to_); }
    void init(const Xapian::Database &db) override {
        const Xapian::docid lastdocid = db.get_lastdocid();
        // Both ends rounded the same way, so (a, b] and (b, c] never share a docid.
        first_ = static_cast<Xapian::docid>(std::ceil(from_ * lastdocid)) + 1;
        last_ = std::min(lastdocid, static_cast<Xapian::docid>(std::ceil(to_ * lastdocid)));
        did_ = first_ - 1;
        started_ = false;
        set_maxweight(0);
        const Xapian::doccount span = last_ >= first_ ? last_ - first_ + 1 : 0;
        const Xapian::doccount n = db.get_doccount();
        termfreq_max = std::min(span, n);
        termfreq_est = lastdocid ? static_cast<Xapian::doccount>(double(span) * n / lastdocid) : 0;
        termfreq_min = 0;
    }
    Xapian::doccount get_termfreq_min() const override { return termfreq_min; }
    Xapian::doccount get_termfreq_est() const override { return termfreq_est; }
    Xapian::doccount get_termfreq_max() const override { return termfreq_max; }
    void next(double) override {
        ++did_;
        started_ = true;
    }
    void skip_to(Xapian::docid did, double) override {
        if (!started_) {
            did_ = std::max(did, first_);
            started_ = true;
        } else if (did > did_) {
            did_ = did;
        }
    }
    bool at_end() const override { return started_ && did_ > last_; }
    Xapian::docid get_docid() const override { return did_; }
    std::string get_description() const override { return "DocidShareSource"; }

  private:
    Xapian::doccount termfreq_min = 0, termfreq_est = 0, termfreq_max = 0;
};

Xapian::Query::op combine_op(uint8_t op) {
    switch (op) {
        case CX_OP_AND: return Xapian::Query::OP_AND;
        case CX_OP_OR: return Xapian::Query::OP_OR;
        case CX_OP_AND_NOT: return Xapian::Query::OP_AND_NOT;
        case CX_OP_XOR: return Xapian::Query::OP_XOR;
        case CX_OP_AND_MAYBE: return Xapian::Query::OP_AND_MAYBE;
        case CX_OP_FILTER: return Xapian::Query::OP_FILTER;
        case CX_OP_NEAR: return Xapian::Query::OP_NEAR;
        case CX_OP_PHRASE: return Xapian::Query::OP_PHRASE;
        case CX_OP_ELITE_SET: return Xapian::Query::OP_ELITE_SET;
        case CX_OP_SYNONYM: return Xapian::Query::OP_SYNONYM;
        case CX_OP_MAX: return Xapian::Query::OP_MAX;
    }
    throw BadQuery("unknown combine operator " + std::to_string(op));
}

Xapian::Query decode_query(Reader &r, int depth) {
    if (depth > 200) throw BadQuery("query nested too deeply");
    uint8_t code = r.read<uint8_t>();
    switch (code) {
        case CX_Q_TERM: {
            std::string term = r.str();
            uint32_t wqf = r.read<uint32_t>();
            uint32_t pos = r.read<uint32_t>();
            return Xapian::Query(term, wqf, pos);
        }
        case CX_Q_COMBINE: {
            uint8_t op = r.read<uint8_t>();
            uint32_t parameter = r.read<uint32_t>();
            uint32_t n = r.read<uint32_t>();
            if (n > 100000) throw BadQuery("too many subqueries");
            std::vector<Xapian::Query> children;
            children.reserve(n);
            for (uint32_t i = 0; i < n; ++i) children.push_back(decode_query(r, depth + 1));
            return Xapian::Query(combine_op(op), children.begin(), children.end(), parameter);
        }
        case CX_Q_VALUE_RANGE: {
            uint32_t slot = r.read<uint32_t>();
            uint8_t flags = r.read<uint8_t>();
            double lo = r.read<double>();
            double hi = r.read<double>();
            if ((flags & 1) && (flags & 2))
                return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot,
                                     Xapian::sortable_serialise(lo), Xapian::sortable_serialise(hi));
            if (flags & 1)
                return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, Xapian::sortable_serialise(lo));
            if (flags & 2)
                return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, Xapian::sortable_serialise(hi));
            return Xapian::Query::MatchAll;
        }
        case CX_Q_SCALE: {
            double factor = r.read<double>();
            if (!std::isfinite(factor) || factor < 0) throw BadQuery("scale factor must be finite and >= 0");
            Xapian::Query child = decode_query(r, depth + 1);
            return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, child, factor);
        }
        case CX_Q_PRIOR: {
            uint32_t slot = r.read<uint32_t>();
            return Xapian::Query((new Xapian::ValueWeightPostingSource(slot))->release());
        }
        case CX_Q_ALL: return Xapian::Query::MatchAll;
        case CX_Q_NOTHING: return Xapian::Query::MatchNothing;
    }
    throw BadQuery("unknown query opcode " + std::to_string(code));
}

Xapian::Query decode_whole(const uint8_t *bytes, uint32_t len) {
    if (!bytes || len == 0) throw BadQuery("empty query bytecode");
    Reader r{bytes, bytes + len};
    Xapian::Query q = decode_query(r, 0);
    if (r.p != r.end) throw BadQuery("trailing bytes after query");
    return q;
}

Xapian::Document build_document(const cx_docspec *spec) {
    Xapian::Document doc;
    uint32_t start = 0;
    for (uint32_t i = 0; i < spec->term_count; ++i) {
        uint32_t end = spec->term_ends[i];
        if (end < start) throw BadQuery("term offsets not ascending");
        std::string term(spec->terms + start, end - start);
        start = end;
        if (term.empty()) continue;
        uint32_t wdf = spec->wdfs[i];
        uint32_t pos = spec->positions ? spec->positions[i] : 0;
        if (wdf == 0 && pos == 0) {
            doc.add_boolean_term(term);
        } else if (pos != 0) {
            doc.add_posting(term, pos, wdf);
        } else {
            doc.add_term(term, wdf);
        }
    }
    for (uint32_t i = 0; i < spec->num_count; ++i)
        doc.add_value(spec->num_slots[i], Xapian::sortable_serialise(spec->num_values[i]));
    start = 0;
    for (uint32_t i = 0; i < spec->raw_count; ++i) {
        uint32_t end = spec->raw_ends[i];
        if (end < start) throw BadQuery("value offsets not ascending");
        doc.add_value(spec->raw_slots[i], std::string(spec->raw_bytes + start, end - start));
        start = end;
    }
    if (spec->data && spec->data_len) doc.set_data(std::string(spec->data, spec->data_len));
    return doc;
}

}  // namespace

extern "C" {

void cx_string_free(char *s) { std::free(s); }
void cx_buffer_free(uint8_t *buffer) { std::free(buffer); }

int cx_wdb_open(const char *path, int flags, cx_wdb **out, char **err) {
    *out = nullptr;
    return guarded(err, [&] {
        int action = Xapian::DB_OPEN;
        if (flags & CX_WDB_OVERWRITE) action = Xapian::DB_CREATE_OR_OVERWRITE;
        else if (flags & CX_WDB_CREATE) action = Xapian::DB_CREATE_OR_OPEN;
        if (flags & CX_WDB_NO_SYNC) action |= Xapian::DB_NO_SYNC;
        auto handle = std::make_unique<cx_wdb>(cx_wdb{Xapian::WritableDatabase(path, action)});
        *out = handle.release();
    });
}

int cx_wdb_replace(cx_wdb *wdb, const char *idterm, const cx_docspec *spec, char **err) {
    return guarded(err, [&] { wdb->db.replace_document(idterm, build_document(spec)); });
}

int cx_wdb_add(cx_wdb *wdb, const cx_docspec *spec, uint32_t *docid_out, char **err) {
    return guarded(err, [&] { *docid_out = wdb->db.add_document(build_document(spec)); });
}

int cx_wdb_delete(cx_wdb *wdb, const char *idterm, int *deleted_out, char **err) {
    return guarded(err, [&] {
        *deleted_out = wdb->db.term_exists(idterm) ? 1 : 0;
        if (*deleted_out) wdb->db.delete_document(idterm);
    });
}

int cx_wdb_delete_docid(cx_wdb *wdb, uint32_t docid, int *deleted_out, char **err) {
    return guarded(err, [&] {
        *deleted_out = 0;
        try {
            wdb->db.delete_document(docid);
            *deleted_out = 1;
        } catch (const Xapian::DocNotFoundError &) {
        }
    });
}

int cx_wdb_commit(cx_wdb *wdb, char **err) {
    return guarded(err, [&] { wdb->db.commit(); });
}

int cx_wdb_begin_transaction(cx_wdb *wdb, char **err) {
    return guarded(err, [&] { wdb->db.begin_transaction(true); });
}

int cx_wdb_commit_transaction(cx_wdb *wdb, char **err) {
    return guarded(err, [&] { wdb->db.commit_transaction(); });
}

int cx_wdb_cancel_transaction(cx_wdb *wdb, char **err) {
    return guarded(err, [&] { wdb->db.cancel_transaction(); });
}

int cx_wdb_doccount(cx_wdb *wdb, uint32_t *out, char **err) {
    return guarded(err, [&] { *out = wdb->db.get_doccount(); });
}

int cx_wdb_close(cx_wdb *wdb, char **err) {
    if (!wdb) return CX_OK;
    int status = guarded(err, [&] { wdb->db.close(); });
    // The handle is freed whatever close() said, so ownership is never ambiguous.
    guarded(nullptr, [&] { delete wdb; });
    return status;
}

int cx_compact(const char *const *paths, uint32_t count, const char *output, char **err) {
    return guarded(err, [&] {
        if (count == 0) throw BadQuery("nothing to compact");
        Xapian::Database combined;
        for (uint32_t i = 0; i < count; ++i) combined.add_database(Xapian::Database(paths[i]));
        combined.compact(output, Xapian::DBCOMPACT_MULTIPASS);
    });
}

int cx_db_open(const char *const *paths, uint32_t count, cx_db **out, char **err) {
    *out = nullptr;
    return guarded(err, [&] {
        if (count == 0) throw BadQuery("no database path given");
        auto handle = std::make_unique<cx_db>();
        for (uint32_t i = 0; i < count; ++i) handle->db.add_database(Xapian::Database(paths[i]));
        *out = handle.release();
    });
}

int cx_db_open_remote(const char *host, uint32_t port, uint32_t timeout_ms,
                      uint32_t connect_timeout_ms, cx_db **out, char **err) {
    *out = nullptr;
    return guarded(err, [&] {
        auto handle = std::make_unique<cx_db>(cx_db{
            Xapian::Remote::open(host, port, timeout_ms * 1000u, connect_timeout_ms * 1000u), true});
        *out = handle.release();
    });
}

int cx_db_add(cx_db *db, const cx_db *other, char **err) {
    return guarded(err, [&] {
        db->db.add_database(other->db);
        db->remote = db->remote || other->remote;
    });
}

void cx_db_close(cx_db *db) {
    if (!db) return;
    // Dropping the reference releases the database once nothing shares it.
    // Database::close() would close internals that a combined (multi-database)
    // handle built with cx_db_add still uses.
    guarded(nullptr, [&] { delete db; });
}

int cx_db_reopen(cx_db *db, int *changed_out, char **err) {
    return guarded(err, [&] { *changed_out = db->db.reopen() ? 1 : 0; });
}

int cx_db_stats(cx_db *db, uint32_t *doccount, double *avlength, uint32_t *lastdocid, char **err) {
    return guarded(err, [&] {
        *doccount = db->db.get_doccount();
        *avlength = db->db.get_avlength();
        *lastdocid = db->db.get_lastdocid();
    });
}

int cx_db_docid_for_term(cx_db *db, const char *term, uint32_t *docid_out, char **err) {
    return guarded(err, [&] {
        Xapian::PostingIterator it = db->db.postlist_begin(term);
        *docid_out = (it == db->db.postlist_end(term)) ? 0 : *it;
    });
}

int cx_db_terms_after(cx_db *db, const char *prefix, const char *after, uint32_t limit,
                      uint8_t **out, uint32_t *out_len, char **err) {
    *out = nullptr;
    *out_len = 0;
    return guarded(err, [&] {
        Writer w;
        const std::string start(after);
        Xapian::TermIterator it = db->db.allterms_begin(prefix);
        const Xapian::TermIterator end = db->db.allterms_end(prefix);
        if (!start.empty()) {
            it.skip_to(start);
            if (it != end && *it == start) ++it;
        }
        for (uint32_t n = 0; it != end && n < limit; ++it, ++n) w.bytes(*it);
        w.give(out, out_len);
    });
}

int cx_db_get_data(cx_db *db, const uint32_t *docids, uint32_t count,
                   uint8_t **out, uint32_t *out_len, char **err) {
    *out = nullptr;
    *out_len = 0;
    return guarded(err, [&] {
        Writer w;
        for (uint32_t i = 0; i < count; ++i) {
            try {
                w.bytes(db->db.get_document(docids[i], Xapian::DOC_ASSUME_VALID).get_data());
            } catch (const Xapian::DocNotFoundError &) {
                w.u32(0xFFFFFFFFu);
            }
        }
        w.give(out, out_len);
    });
}

int cx_search(cx_db *db, const cx_search_request *rq,
              uint8_t **out, uint32_t *out_len, char **err) {
    *out = nullptr;
    *out_len = 0;
    return guarded(err, [&] {
        Xapian::Enquire enquire(db->db);
        bool timed_out = false;
        Xapian::Query query = decode_whole(rq->query, rq->query_len);
        // A remote shard cannot run a posting source it has not registered; it stops
        // at its own network timeout instead.
        if (rq->deadline_ns > 0 && !db->remote) {
            query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                                  Xapian::Query((new DeadlineSource(rq->deadline_ns, &timed_out))->release()));
        }
        // Remote shards do not know the source either; they walk everything, which is slower,
        // never wrong (the caller only ever narrows a pass it could also run whole).
        if (rq->docid_share_to > 0 && !db->remote) {
            query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                                  Xapian::Query((new DocidShareSource(rq->docid_share_from, rq->docid_share_to))->release()));
        }
        enquire.set_query(query);
        if (rq->weighting == CX_WEIGHT_BOOL) {
            enquire.set_weighting_scheme(Xapian::BoolWeight());
        } else {
            enquire.set_weighting_scheme(Xapian::BM25Weight(rq->k1, rq->k2, rq->k3, rq->b, rq->min_normlen));
        }
        if (rq->collapse_slot >= 0)
            enquire.set_collapse_key(static_cast<Xapian::valueno>(rq->collapse_slot),
                                     rq->collapse_max ? rq->collapse_max : 1);
        if (rq->sort_slot >= 0)
            enquire.set_sort_by_value_then_relevance(static_cast<Xapian::valueno>(rq->sort_slot),
                                                     rq->sort_descending != 0);
        // Spies are owned here and outlive get_mset; release() would hand them to the Enquire.
        std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
        for (uint32_t i = 0; i < rq->facet_slot_count; ++i) {
            spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(rq->facet_slots[i]));
            enquire.add_matchspy(spies.back().get());
        }
        // Xapian's remote protocol reads a document in one round trip, so a window of
        // 1,000 hits would cost 1,000 round trips. When the caller wants exactly one raw
        // slot (the ranking record), that slot becomes a collapse key that never collapses:
        // the shard server then ships each hit's value inside the MSet, in one message.
        const bool value_in_collapse_key = db->remote && rq->collapse_slot < 0 && rq->sort_slot < 0 &&
            rq->num_slot_count == 0 && rq->raw_slot_count == 1 && !rq->want_data;
        if (value_in_collapse_key)
            enquire.set_collapse_key(rq->raw_slots[0], std::numeric_limits<Xapian::doccount>::max());
        Xapian::MSet mset = enquire.get_mset(rq->first, rq->max_items, rq->check_at_least);

        const bool want_doc = rq->num_slot_count || rq->raw_slot_count || rq->want_data;
        std::vector<std::string> per_hit(want_doc ? mset.size() : 0);
        const uint32_t slots = rq->num_slot_count + rq->raw_slot_count;
        auto slot_at = [&](uint32_t i) { return i < rq->num_slot_count ? rq->num_slots[i] : rq->raw_slots[i - rq->num_slot_count]; };
        // One hit's record: the numeric slots as doubles, the raw slots as bytes, then the
        // stored data; `value(i)` gives the value of the i-th requested slot.
        auto encode = [&](auto value, const std::string *data) {
            Writer h;
            for (uint32_t i = 0; i < slots; ++i) {
                std::string v = value(i);
                if (i < rq->num_slot_count) h.f64(v.empty() ? NAN : Xapian::sortable_unserialise(v));
                else h.bytes(v);
            }
            if (data) h.bytes(*data);
            return std::move(h.out);
        };
        auto encode_doc = [&](const Xapian::Document &doc) {
            const std::string data = rq->want_data ? doc.get_data() : std::string();
            return encode([&](uint32_t i) { return doc.get_value(slot_at(i)); }, rq->want_data ? &data : nullptr);
        };
        // Local reads go in docid order (sequential through the value chunks instead of
        // one random B-tree seek per hit in score order) and are written in rank order.
        auto in_docid_order = [&] {
            std::vector<std::pair<Xapian::docid, size_t>> order;
            order.reserve(mset.size());
            size_t rank = 0;
            for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) order.emplace_back(*it, rank++);
            std::sort(order.begin(), order.end());
            return order;
        };
        if (value_in_collapse_key) {
            size_t rank = 0;
            for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it)
                per_hit[rank++] = encode([&](uint32_t) { return it.get_collapse_key(); }, nullptr);
        } else if (want_doc && db->remote) {
            // Stored data or several slots: one round trip per hit. fetch() lets the
            // backend batch where it can (Xapian 1.4's remote backend does not).
            mset.fetch();
            size_t rank = 0;
            for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) per_hit[rank++] = encode_doc(it.get_document());
        } else if (want_doc && !rq->want_data) {
            // Values only: walk each slot's value stream forward through the hits, so every
            // value chunk is decoded once, not once per hit.
            const auto order = in_docid_order();
            std::vector<std::string> values(order.size() * slots);
            for (uint32_t s = 0; s < slots; ++s) {
                Xapian::ValueIterator v = db->db.valuestream_begin(slot_at(s)), end = db->db.valuestream_end(slot_at(s));
                for (size_t k = 0; k < order.size() && v != end; ++k) {
                    if (v.get_docid() < order[k].first) v.skip_to(order[k].first);
                    if (v != end && v.get_docid() == order[k].first) values[k * slots + s] = *v;
                }
            }
            for (size_t k = 0; k < order.size(); ++k)
                per_hit[order[k].second] = encode([&](uint32_t i) { return values[k * slots + i]; }, nullptr);
        } else if (want_doc) {
            for (const auto &entry : in_docid_order())
                per_hit[entry.second] = encode_doc(db->db.get_document(entry.first, Xapian::DOC_ASSUME_VALID));
        }

        Writer w;
        w.out.reserve(64 + mset.size() * (20 + 8 * rq->num_slot_count + 64 * rq->raw_slot_count));
        w.u64(mset.get_matches_lower_bound());
        w.u64(mset.get_matches_estimated());
        w.u64(mset.get_matches_upper_bound());
        w.u32(mset.size());
        size_t k = 0;
        for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it, ++k) {
            w.u32(*it);
            w.f64(it.get_weight());
            w.u32(value_in_collapse_key ? 0 : it.get_collapse_count());
            if (want_doc) w.out.append(per_hit[k]);
        }
        w.u32(static_cast<uint32_t>(spies.size()));
        for (auto &spy : spies) {
            std::vector<std::pair<std::string, uint32_t>> values;
            for (auto it = spy->values_begin(); it != spy->values_end(); ++it)
                values.emplace_back(*it, it.get_termfreq());
            // Highest counts first, then by value, so truncation keeps the useful ones.
            std::sort(values.begin(), values.end(), [](const auto &a, const auto &b) {
                return a.second != b.second ? a.second > b.second : a.first < b.first;
            });
            if (rq->facet_limit && values.size() > rq->facet_limit) values.resize(rq->facet_limit);
            w.u32(static_cast<uint32_t>(values.size()));
            for (auto &v : values) {
                w.bytes(v.first);
                w.u32(v.second);
            }
        }
        w.u32(timed_out ? 1 : 0);
        w.give(out, out_len);
    });
}

}  // extern "C"
