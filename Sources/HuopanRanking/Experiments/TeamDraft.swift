import HuopanCatalog

/// Team-draft interleaving (Radlinski, Kurup & Joachims, "How does clickthrough data
/// reflect retrieval quality?", CIKM 2008).
///
/// Two teams pick players in turns: the team with fewer picks so far picks next, a coin
/// decides when both have as many; a team picks its highest-ranked item not yet in the
/// list. The list is as good as the better of the two rankings at its top, each item is
/// credited to the team that picked it, and under no preference a click is as likely to
/// credit either team, whatever the position bias, since every slot is as likely to be
/// filled by either team.
public enum TeamDraft {
    /// Up to `length` items mixed from `a` and `b`, each with the arm that picked it
    /// (`a` is the control, `b` the treatment). When one ranking runs out, the other keeps
    /// picking.
    public static func interleave<ID: Hashable>(
        _ a: [ID], _ b: [ID], length: Int, using rng: inout SeededRandom
    ) -> [(id: ID, arm: Experiment.Arm)] {
        var out: [(id: ID, arm: Experiment.Arm)] = []
        var taken = Set<ID>()
        var next = (a: 0, b: 0)
        var picks = (a: 0, b: 0)
        func firstFree(_ list: [ID], from start: Int) -> Int {
            var i = start
            while i < list.count, taken.contains(list[i]) { i += 1 }
            return i
        }
        while out.count < length {
            next.a = firstFree(a, from: next.a)
            next.b = firstFree(b, from: next.b)
            let aLeft = next.a < a.count, bLeft = next.b < b.count
            guard aLeft || bLeft else { break }
            let aPicks: Bool
            if !bLeft {
                aPicks = true
            } else if !aLeft {
                aPicks = false
            } else {
                aPicks = picks.a < picks.b || (picks.a == picks.b && rng.next() & 1 == 0)
            }
            if aPicks {
                out.append((a[next.a], .control))
                taken.insert(a[next.a])
                picks.a += 1
            } else {
                out.append((b[next.b], .treatment))
                taken.insert(b[next.b])
                picks.b += 1
            }
        }
        return out
    }
}
