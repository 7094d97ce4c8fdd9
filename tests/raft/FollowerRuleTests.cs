using DistSys.Runtime;

namespace DistSys.Raft.Tests;

/// <summary>
/// How a follower answers AppendEntries and InstallSnapshot at the edges: stale terms, requests that overlap its
/// snapshot, conflicts (the fast-backup hint) and a snapshot that covers only part of its log.
/// </summary>
[Category("safety")]
public class FollowerRuleTests
{
    [Test]
    public void A_follower_answers_a_stale_AppendEntries_with_its_term_and_a_refusal()
    {
        var probe = new ProbedNode(2);
        (NodeId leader, NodeId stale) = (probe.Peers[0], probe.Peers[1]);
        probe.Deliver(leader, new AppendEntries(5, leader, 0, 0, [], 0));

        probe.Deliver(stale, new AppendEntries(3, stale, 0, 0, [], 0));

        Assert.That(probe.SentTo<AppendEntriesReply>(stale), Is.EqualTo(new[] { new AppendEntriesReply(5, false, 0, 0, 0) }),
            $"a leader of term 3 must learn term 5 from the refusal so that it steps down.\n{probe.Describe()}");
    }

    [Test]
    public void Entries_already_covered_by_the_snapshot_are_skipped_and_the_rest_appended()
    {
        var probe = new ProbedNode(2);
        NodeId leader = probe.Peers[0];
        probe.Deliver(leader, new InstallSnapshot(2, leader, 5, 2, "state at 5"));
        probe.Forget();

        probe.Deliver(leader, new AppendEntries(2, leader, 3, 1, [new LogEntry(4, 1, "d"), new LogEntry(5, 2, "e"), new LogEntry(6, 2, "f")], 0));

        Assert.That(probe.Raft.Log, Is.EqualTo(new[] { new LogEntry(6, 2, "f") }),
            $"entries 4 and 5 are inside the snapshot at 5; only entry 6 belongs in the log.\n{probe.Describe()}");
        Assert.That(probe.SentTo<AppendEntriesReply>(leader), Is.EqualTo(new[] { new AppendEntriesReply(2, true, 6, 0, 0) }),
            $"the follower now matches the leader up to 6.\n{probe.Describe()}");
    }

    [Test]
    public void A_request_wholly_inside_the_snapshot_is_acknowledged_without_touching_the_log()
    {
        var probe = new ProbedNode(2);
        NodeId leader = probe.Peers[0];
        probe.Deliver(leader, new InstallSnapshot(2, leader, 5, 2, "state at 5"));
        probe.Forget();

        probe.Deliver(leader, new AppendEntries(2, leader, 1, 1, [new LogEntry(2, 1, "b"), new LogEntry(3, 1, "c")], 0));

        Assert.That(probe.SentTo<AppendEntriesReply>(leader), Is.EqualTo(new[] { new AppendEntriesReply(2, true, 3, 0, 0) }),
            $"entries 2 and 3 are committed and inside the snapshot: the follower matches them.\n{probe.Describe()}");
        Assert.That(probe.Raft.Log, Is.Empty, $"nothing after the snapshot was sent.\n{probe.Describe()}");
    }

    [Test]
    public void A_follower_whose_log_is_too_short_names_the_first_index_it_lacks()
    {
        var probe = new ProbedNode(2);
        NodeId leader = probe.Peers[0];
        probe.Deliver(leader, new AppendEntries(2, leader, 0, 0, [new LogEntry(1, 1, "a")], 0));
        probe.Forget();

        probe.Deliver(leader, new AppendEntries(2, leader, 4, 2, [], 0));

        Assert.That(probe.SentTo<AppendEntriesReply>(leader), Is.EqualTo(new[] { new AppendEntriesReply(2, false, 0, 2, 0) }),
            $"the log ends at 1, so the leader should go back to index 2 (ConflictIndex) with no ConflictTerm.\n{probe.Describe()}");
    }

    [Test]
    public void A_conflict_reply_names_the_first_index_of_the_conflicting_term()
    {
        var probe = new ProbedNode(2);
        NodeId leader = probe.Peers[0];
        probe.Deliver(leader, new AppendEntries(2, leader, 0, 0, [new LogEntry(1, 1, "a"), new LogEntry(2, 2, "b"), new LogEntry(3, 2, "c")], 0));
        probe.Forget();

        probe.Deliver(leader, new AppendEntries(3, leader, 3, 3, [], 0));

        Assert.That(probe.SentTo<AppendEntriesReply>(leader), Is.EqualTo(new[] { new AppendEntriesReply(3, false, 0, 2, 2) }),
            $"entry 3 has term 2, not 3; term 2 starts at index 2, which is where the leader should retry.\n{probe.Describe()}");
    }

    [Test]
    public void A_conflict_reply_never_points_into_the_snapshot()
    {
        var probe = new ProbedNode(2);
        NodeId leader = probe.Peers[0];
        probe.Deliver(leader, new InstallSnapshot(2, leader, 5, 2, "state at 5"));
        probe.Deliver(leader, new AppendEntries(2, leader, 5, 2, [new LogEntry(6, 2, "f"), new LogEntry(7, 2, "g")], 0));
        probe.Forget();

        probe.Deliver(leader, new AppendEntries(3, leader, 7, 3, [], 0));

        Assert.That(probe.SentTo<AppendEntriesReply>(leader), Is.EqualTo(new[] { new AppendEntriesReply(3, false, 0, 6, 2) }),
            $"term 2 continues into the snapshot at 5, but the snapshot is committed: the first index in question is 6.\n{probe.Describe()}");
    }

    [Test]
    public void A_follower_adopts_the_term_of_an_InstallSnapshot_and_acknowledges_it()
    {
        var probe = new ProbedNode(2);
        NodeId leader = probe.Peers[0];

        probe.Deliver(leader, new InstallSnapshot(3, leader, 5, 2, "state at 5"));

        Assert.That(probe.Raft.CurrentTerm, Is.EqualTo(3), $"the request comes from term 3.\n{probe.Describe()}");
        Assert.That(probe.SentTo<InstallSnapshotReply>(leader), Is.EqualTo(new[] { new InstallSnapshotReply(3, 5) }),
            $"the reply carries the new term and the installed index.\n{probe.Describe()}");
    }

    [Test]
    public void A_follower_refuses_an_InstallSnapshot_from_an_older_term()
    {
        var probe = new ProbedNode(2);
        (NodeId leader, NodeId stale) = (probe.Peers[0], probe.Peers[1]);
        probe.Deliver(leader, new AppendEntries(5, leader, 0, 0, [], 0));

        probe.Deliver(stale, new InstallSnapshot(3, stale, 5, 2, "stale state"));

        Assert.That(probe.Raft.SnapshotIndex, Is.Zero, $"a leader of term 3 is stale for a follower in term 5.\n{probe.Describe()}");
        Assert.That(probe.SentTo<InstallSnapshotReply>(stale), Is.EqualTo(new[] { new InstallSnapshotReply(5, 0) }),
            $"the refusal tells the stale leader term 5 and confirms nothing.\n{probe.Describe()}");
    }

    [Test]
    public void A_candidate_that_receives_InstallSnapshot_for_its_term_becomes_a_follower()
    {
        var probe = new ProbedNode(2);
        probe.WaitUntilCandidate();
        long term = probe.Raft.CurrentTerm;

        probe.Deliver(probe.Peers[0], new InstallSnapshot(term, probe.Peers[0], 5, term, "state at 5"));

        Assert.That(probe.Raft.Role, Is.EqualTo(RaftRole.Follower),
            $"n2 is the leader of term {term}: the candidate lost the election.\n{probe.Describe()}");
    }

    [Test]
    public void An_InstallSnapshot_from_the_leader_restarts_the_election_timeout()
    {
        var probe = new ProbedNode(2);
        probe.Simulation.RunFor(TimeSpan.FromMilliseconds(900));

        probe.Deliver(probe.Peers[0], new InstallSnapshot(1, probe.Peers[0], 5, 1, "state at 5"));
        probe.Simulation.RunFor(TimeSpan.FromMilliseconds(300));

        Assert.That((probe.Raft.Role, probe.Raft.CurrentTerm), Is.EqualTo((RaftRole.Follower, 1L)),
            $"the leader was heard at 900 ms; with a 1 s timeout the follower must not campaign at 1 s.\n{probe.Describe()}");
    }

    [Test]
    public void A_snapshot_that_matches_part_of_the_log_keeps_the_entries_after_it()
    {
        var probe = new ProbedNode(2);
        NodeId leader = probe.Peers[0];
        probe.Deliver(leader, new AppendEntries(2, leader, 0, 0, [new LogEntry(1, 1, "a"), new LogEntry(2, 1, "b"), new LogEntry(3, 2, "c")], 0));

        probe.Deliver(leader, new InstallSnapshot(2, leader, 2, 1, "state at 2"));

        Assert.That(probe.Raft.Log, Is.EqualTo(new[] { new LogEntry(3, 2, "c") }),
            $"entry 2 has the snapshot's term, so entry 3 after it is still valid (Raft §7).\n{probe.Describe()}");
    }

    [Test]
    public void An_installed_snapshot_and_the_kept_entries_survive_a_restart()
    {
        var probe = new ProbedNode(2);
        NodeId leader = probe.Peers[0];
        probe.Deliver(leader, new AppendEntries(2, leader, 0, 0, [new LogEntry(1, 1, "a"), new LogEntry(2, 1, "b"), new LogEntry(3, 2, "c")], 0));
        probe.Deliver(leader, new InstallSnapshot(2, leader, 2, 1, "state at 2"));

        probe.Simulation.Restart(probe.Id);
        probe.Simulation.RunFor(TimeSpan.FromMilliseconds(1));

        Assert.That((probe.Raft.SnapshotIndex, probe.Raft.Log.Count), Is.EqualTo((2L, 1)),
            $"the snapshot at 2 and entry 3 were acknowledged, so they must be durable.\n{probe.Describe()}");
    }

    [Test]
    public void Snapshot_accepts_any_applied_index_and_ignores_one_it_already_covers()
    {
        var probe = new ProbedNode(2);
        NodeId leader = probe.Peers[0];
        probe.Deliver(leader, new AppendEntries(1, leader, 0, 0, [new LogEntry(1, 1, "a"), new LogEntry(2, 1, "b"), new LogEntry(3, 1, "c")], 3));
        RaftNode raft = probe.Raft;

        Assert.Multiple(() =>
        {
            Assert.That(() => raft.Snapshot(1, "a"), Throws.Nothing, "index 1 is the lowest index a snapshot can cover");
            Assert.That(() => raft.Snapshot(3, "abc"), Throws.Nothing, "LastApplied (3) is the highest");
            Assert.That(() => raft.Snapshot(3, "again"), Throws.Nothing, "a snapshot at the current snapshot index changes nothing");
            Assert.That(() => raft.Snapshot(2, "older"), Throws.Nothing, "nor does an older one");
            Assert.That((raft.SnapshotIndex, raft.Log.Count), Is.EqualTo((3L, 0)), $"the snapshot at 3 stays.\n{probe.Describe()}");
        });
    }
}
