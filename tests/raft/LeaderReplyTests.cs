using DistSys.Runtime;

namespace DistSys.Raft.Tests;

/// <summary>
/// How a leader (and a candidate) handles the replies it gets: higher terms, InstallSnapshot acknowledgements and
/// the fast-backup hint of a rejected AppendEntries.
/// </summary>
[Category("safety")]
public class LeaderReplyTests
{
    [Test]
    public void A_candidate_that_hears_of_a_higher_term_in_a_vote_reply_adopts_it()
    {
        var probe = new ProbedNode(2);
        probe.WaitUntilCandidate();
        long term = probe.Raft.CurrentTerm;

        probe.Deliver(probe.Peers[0], new RequestVoteReply(term + 2, false));

        Assert.That((probe.Raft.Role, probe.Raft.CurrentTerm), Is.EqualTo((RaftRole.Follower, term + 2)),
            $"a reply from term {term + 2} ends the candidacy of term {term}.\n{probe.Describe()}");
    }

    [Test]
    public void A_two_server_candidate_needs_both_votes()
    {
        var probe = new ProbedNode(1);

        probe.Simulation.RunFor(TimeSpan.FromMilliseconds(1500));

        Assert.That(probe.Raft.Role, Is.EqualTo(RaftRole.Candidate),
            $"its own vote is one of two, not a majority; n2 never answered.\n{probe.Describe()}");
    }

    [Test]
    public void A_leader_sends_a_new_command_at_once_without_waiting_for_the_heartbeat()
    {
        var probe = new ProbedNode(2);
        probe.ElectWithOneVote();

        probe.Raft.Start("x");
        probe.Simulation.RunFor(TimeSpan.FromMilliseconds(5));

        Assert.That(probe.SentTo<AppendEntries>(probe.Peers[1]).SelectMany(a => a.Entries).Select(e => e.Command), Is.EqualTo(new[] { "x" }),
            $"heartbeats are 100 ms apart; the command should be on its way within 5 ms.\n{probe.Describe()}");
    }

    [Test]
    public void A_leader_steps_down_on_an_AppendEntries_reply_from_a_higher_term()
    {
        var probe = new ProbedNode(2);
        probe.ElectWithOneVote();
        long term = probe.Raft.CurrentTerm;

        probe.Deliver(probe.Peers[1], new AppendEntriesReply(term + 1, false, 0, 0, 0));

        Assert.That((probe.Raft.Role, probe.Raft.CurrentTerm), Is.EqualTo((RaftRole.Follower, term + 1)),
            $"n3 is in term {term + 1}: the leader of term {term} is deposed.\n{probe.Describe()}");
    }

    [Test]
    public void A_leader_steps_down_on_an_InstallSnapshot_reply_from_a_higher_term()
    {
        var probe = new ProbedNode(2);
        probe.ElectWithOneVote();
        long term = probe.Raft.CurrentTerm;

        probe.Deliver(probe.Peers[1], new InstallSnapshotReply(term + 1, 0));

        Assert.That((probe.Raft.Role, probe.Raft.CurrentTerm), Is.EqualTo((RaftRole.Follower, term + 1)),
            $"n3 is in term {term + 1}: the leader of term {term} is deposed.\n{probe.Describe()}");
    }

    [Test]
    public void An_InstallSnapshot_reply_of_the_current_term_counts_as_a_replica()
    {
        var probe = new ProbedNode(2);
        probe.ElectWithOneVote();
        probe.Raft.Start("x");

        probe.Deliver(probe.Peers[1], new InstallSnapshotReply(probe.Raft.CurrentTerm, 1));

        Assert.That(probe.Raft.CommitIndex, Is.EqualTo(1),
            $"n3 holds everything up to 1, so entry 1 is on two of three servers.\n{probe.Describe()}");
    }

    [Test]
    public void An_InstallSnapshot_reply_from_an_older_term_counts_for_nothing()
    {
        var probe = new ProbedNode(2);
        probe.Deliver(probe.Peers[1], new AppendEntries(3, probe.Peers[1], 0, 0, [], 0));
        probe.ElectWithOneVote();
        probe.Raft.Start("x");

        probe.Deliver(probe.Peers[1], new InstallSnapshotReply(probe.Raft.CurrentTerm - 1, 1));

        Assert.That(probe.Raft.CommitIndex, Is.Zero,
            $"the reply answers an older leader; it says nothing about this leader's entry 1.\n{probe.Describe()}");
    }

    [Test]
    public void A_rejection_naming_a_term_the_leader_has_resumes_after_the_leaders_last_entry_of_that_term()
    {
        var probe = LeaderWithThreeEntries(out long term);

        probe.Deliver(probe.Peers[0], new AppendEntriesReply(term, false, 0, 2, term));

        AssertRetriesAfter(probe, 3, $"the leader's last entry of term {term} is 3, so it resends from 4");
    }

    [Test]
    public void A_rejection_naming_a_term_the_leader_lacks_resumes_at_the_conflict_index()
    {
        var probe = LeaderWithThreeEntries(out long term);

        probe.Deliver(probe.Peers[0], new AppendEntriesReply(term, false, 0, 2, term - 1));

        AssertRetriesAfter(probe, 1, $"the leader has no entry of term {term - 1}, so it resends from the follower's ConflictIndex 2");
    }

    [Test]
    public void A_late_rejection_does_not_send_the_leader_back_past_a_confirmed_match()
    {
        var probe = LeaderWithThreeEntries(out long term);
        probe.Deliver(probe.Peers[0], new AppendEntriesReply(term, true, 3, 0, 0));
        probe.Forget();

        probe.Deliver(probe.Peers[0], new AppendEntriesReply(term, false, 0, 1, 0));

        AssertRetriesAfter(probe, 3, "n2 already confirmed entries up to 3; the rejection answers an older request");
    }

    [Test]
    public void The_conflict_term_is_found_at_the_start_of_a_log_of_several_terms()
    {
        var probe = new ProbedNode(2);
        probe.ElectWithOneVote();
        long first = probe.Raft.CurrentTerm;
        probe.Raft.Start("a");
        probe.Deliver(probe.Peers[1], new AppendEntriesReply(first + 1, false, 0, 0, 0));
        probe.ElectWithOneVote();
        probe.Raft.Start("b");
        probe.Simulation.RunFor(TimeSpan.FromMilliseconds(5));
        probe.Forget();

        probe.Deliver(probe.Peers[0], new AppendEntriesReply(probe.Raft.CurrentTerm, false, 0, 1, first));

        AssertRetriesAfter(probe, 1, $"the leader's log is [1:t{first}, 2:t{probe.Raft.CurrentTerm}]; its last entry of term {first} is 1");
    }

    [Test]
    public void After_sending_a_snapshot_the_leader_continues_with_the_entries_after_it()
    {
        var probe = LeaderWithSnapshotSentToN3(out long term);

        probe.Deliver(probe.Peers[1], new InstallSnapshotReply(term, 2));

        Assert.That(probe.SentTo<AppendEntries>(probe.Peers[1]).Select(a => (a.PrevLogIndex, a.Entries.Count)), Is.EqualTo(new[] { (2L, 1) }),
            $"n3 now holds the snapshot at 2; entry 3 should follow at once.\n{probe.Describe()}");
    }

    [Test]
    public void After_sending_a_snapshot_the_next_heartbeat_does_not_send_it_again()
    {
        var probe = LeaderWithSnapshotSentToN3(out _);

        probe.Simulation.RunFor(TimeSpan.FromMilliseconds(100));

        Assert.That(probe.SentTo<InstallSnapshot>(probe.Peers[1]), Is.Empty,
            $"the snapshot is assumed to arrive (optimistic pipelining); the heartbeat should carry AppendEntries after it.\n{probe.Describe()}");
    }

    private static ProbedNode LeaderWithThreeEntries(out long term)
    {
        var probe = new ProbedNode(2);
        // A few terms first, so that "term - 1" below is a real, earlier term.
        probe.Deliver(probe.Peers[1], new AppendEntries(3, probe.Peers[1], 0, 0, [], 0));
        probe.ElectWithOneVote();
        term = probe.Raft.CurrentTerm;
        foreach (string command in new[] { "a", "b", "c" })
        {
            probe.Raft.Start(command);
        }

        probe.Simulation.RunFor(TimeSpan.FromMilliseconds(5));
        probe.Forget();
        return probe;
    }

    private static ProbedNode LeaderWithSnapshotSentToN3(out long term)
    {
        ProbedNode probe = LeaderWithThreeEntries(out term);
        probe.Deliver(probe.Peers[0], new AppendEntriesReply(term, true, 3, 0, 0));
        probe.Raft.Snapshot(2, "ab");
        probe.Deliver(probe.Peers[1], new AppendEntriesReply(term, false, 0, 1, 0));
        Assert.That(probe.SentTo<InstallSnapshot>(probe.Peers[1]).Select(s => s.LastIncludedIndex), Is.EqualTo(new[] { 2L }),
            $"n3 needs index 1, which only the snapshot at 2 holds.\n{probe.Describe()}");
        probe.Forget();
        return probe;
    }

    private static void AssertRetriesAfter(ProbedNode probe, long prevLogIndex, string why) =>
        Assert.That(probe.SentTo<AppendEntries>(probe.Peers[0]).Select(a => a.PrevLogIndex), Is.EqualTo(new[] { prevLogIndex }),
            $"{why}: one AppendEntries with PrevLogIndex {prevLogIndex} right away.\n{probe.Describe()}");
}
