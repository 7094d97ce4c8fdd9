using DistSys.Runtime;
using DistSys.Testing;

namespace DistSys.KvStore.Tests;

/// <summary>
/// Single faults placed on purpose, on a network that is otherwise reliable (1 ms, no loss): a reply that arrives after
/// its coordinator restarted, a coordinator that is itself the stale replica, a hint confirmed only in part, a hint
/// whose home replica left the ring, and how often requests and hints are sent again.
/// </summary>
public class FaultScenarioTests
{
    private static readonly TimeSpan s_slow = TimeSpan.FromMilliseconds(300);

    [Test]
    [Category("safety")]
    public void A_late_acknowledgement_of_a_request_made_before_a_restart_does_not_count_for_a_new_request()
    {
        foreach (var seed in Seeds.Few)
        {
            Replay.Simulate(seed, simulation =>
            {
                var cluster = new Cluster(simulation, 3, members => new KvSettings { Members = members, HintedHandoff = false });
                var key = $"late-{seed}";
                var coordinator = cluster.Pick(cluster.Nodes);
                var others = cluster.Nodes.Where(n => n != coordinator).ToList();
                // The acknowledgements of the first write are still on their way when the coordinator restarts...
                foreach (var other in others)
                {
                    simulation.Network.SetProfile(other, coordinator, new LinkProfile(s_slow, s_slow));
                }

                cluster[coordinator].Put(key, "before-restart", VectorClock.Empty, _ => { });
                simulation.RunFor(TimeSpan.FromMilliseconds(50));
                simulation.Restart(coordinator);

                // ...and the restarted coordinator's own write reaches no other replica.
                foreach (var other in others)
                {
                    simulation.Network.CutOneWay(coordinator, other);
                }

                var results = new List<PutResult>();
                cluster[coordinator].Put(key, "after-restart", VectorClock.Empty, results.Add);
                simulation.RunFor(TimeSpan.FromSeconds(2));
                Assert.That(results, Has.Count.EqualTo(1), "the second write's callback runs exactly once");
                Assert.That(results[0].Succeeded, Is.False,
                    $"after its restart {coordinator} could not reach {string.Join(" or ", others)}, so only it holds \"after-restart\" (W = 2); " +
                    "the acknowledgements that arrived belong to the write made before the restart, and a request id must not be reused " +
                    "across restarts (requests in flight are lost with the crash; keep what makes ids unique in Storage)");
            });
        }
    }

    [Test]
    [Category("safety")]
    public void A_read_through_a_stale_home_replica_repairs_that_replica_itself()
    {
        foreach (var seed in Seeds.Few)
        {
            Replay.Simulate(seed, simulation =>
            {
                // Without hinted handoff, only read repair can bring the stale replica up to date.
                var cluster = new Cluster(simulation, 5, members => new KvSettings { Members = members, HintedHandoff = false });
                var key = $"stale-{seed}";
                cluster.Update(key, "old");
                simulation.RunFor(TimeSpan.FromSeconds(1.5));
                var stale = cluster.Pick(cluster.HomesOf(key));
                simulation.Crash(stale);
                cluster.Update(key, "new");
                simulation.RunFor(TimeSpan.FromSeconds(1.5));   // the write's retries to the crashed replica are over
                simulation.Restart(stale);

                var read = cluster.Get(stale, key);
                Assert.That(read.Values, Is.EqualTo(new[] { "new" }), $"R = 2: the read through {stale} also hears from a replica with \"new\"; {read.Error}");
                Assert.That(cluster[stale].StoredSiblings(key).Select(s => s.Value), Is.EqualTo(new[] { "new" }),
                    $"{stale} coordinated a read of {key} whose merged result was newer than its own reply: read repair applies to the " +
                    "coordinator's own copy too, as soon as the read completes");
            });
        }
    }

    [Test]
    [Category("safety")]
    public void A_hint_confirmed_only_in_part_is_kept_until_the_versions_added_since_reach_the_home_replica()
    {
        foreach (var seed in Seeds.Few)
        {
            Replay.Simulate(seed, simulation =>
            {
                // Hints are offered once a second, so one offer's confirmation can be overtaken by a new write.
                var cluster = new Cluster(simulation, 5, members => new KvSettings { Members = members, HandoffInterval = TimeSpan.FromSeconds(1) });
                var key = $"partial-{seed}";
                var homes = cluster.HomesOf(key);
                var (coordinator, home) = (homes[0], homes[1]);
                // The coordinator cannot reach `home`, so each write leaves a hint for it on a fallback; `home`'s
                // confirmations take 300 ms to come back.
                simulation.Network.CutOneWay(coordinator, home);
                foreach (var other in cluster.Nodes.Where(n => n != home))
                {
                    simulation.Network.SetProfile(home, other, new LinkProfile(s_slow, s_slow));
                }

                Assert.That(cluster.Put(coordinator, key, "first", VectorClock.Empty).Succeeded, Is.True, "the first write (W = 2 without the cut-off replica)");
                cluster.RunUntil(() => cluster[home].StoredSiblings(key).Count > 0, TimeSpan.FromSeconds(5), $"the hint for {home} being offered to it");

                // While `home`'s confirmation of "first" is on its way, a concurrent write joins the same hint.
                Assert.That(cluster.Put(coordinator, key, "second", VectorClock.Empty).Succeeded, Is.True, "the second write (W = 2 without the cut-off replica)");
                cluster.RunUntil(() => cluster[home].StoredSiblings(key).Any(s => s.Value == "second"), TimeSpan.FromSeconds(5),
                    $"{home} receiving \"second\" from the hint: a confirmation that names only the versions of an earlier offer " +
                    "(here \"first\") must not drop a hint that has gained versions since");
                cluster.RunUntil(() => cluster.Nodes.All(n => cluster[n].PendingHints == 0), TimeSpan.FromSeconds(5),
                    "every hint being dropped once its home replica confirmed all of it");
            });
        }
    }

    [Test]
    [Category("safety")]
    public void A_hint_whose_home_replica_left_the_ring_goes_to_the_keys_current_home_replicas()
    {
        foreach (var seed in Seeds.Few)
        {
            Replay.Simulate(seed, simulation =>
            {
                var cluster = new Cluster(simulation, 6, members => new KvSettings { Members = members });
                var key = $"rehome-{seed}";
                var homes = cluster.HomesOf(key);
                var (coordinator, leaver) = (homes[0], homes[1]);
                simulation.Network.Isolate(leaver);
                Assert.That(cluster.Put(coordinator, key, "value", VectorClock.Empty).Succeeded, Is.True, $"the write with {leaver} cut off");
                cluster.RunUntil(() => cluster.Nodes.Any(n => cluster[n].PendingHints > 0), TimeSpan.FromSeconds(5), $"a fallback taking a hint for {leaver}");
                var holder = cluster.Nodes.Single(n => cluster[n].PendingHints > 0);

                // The cut-off replica leaves for good before its hint could be handed over, and the other two home
                // replicas are lost with it: the hint is the only copy of the write left.
                foreach (var gone in homes)
                {
                    simulation.Crash(gone);
                }

                var remaining = cluster.Nodes.Where(n => !homes.Contains(n)).ToArray();
                foreach (var node in remaining)
                {
                    cluster[node].ChangeMembership(remaining);
                }

                var newHomes = cluster[holder].HomeReplicas(key);
                cluster.RunUntil(() => newHomes.All(h => cluster[h].StoredSiblings(key).Any(s => s.Value == "value")), TimeSpan.FromSeconds(10),
                    $"{key} reaching its new home replicas {string.Join(", ", newHomes)}");
                cluster.RunUntil(() => remaining.All(n => cluster[n].PendingHints == 0), TimeSpan.FromSeconds(10),
                    $"{holder} dropping its hint for {leaver}, which is no longer a member, once the key's current home replicas confirmed it");
            });
        }
    }

    [Test]
    [Category("behaviour")]
    public void A_write_whose_silent_home_replica_has_no_fallback_goes_on_without_one()
    {
        // Three nodes and N = 3: every node is a home replica of every key, so no node is left to hold a hint.
        var cluster = new Cluster(new Simulation(1), 3, members => new KvSettings { Members = members });
        var (coordinator, silent) = (cluster.Nodes[0], cluster.Nodes[2]);
        cluster.Simulation.Crash(silent);
        Assert.That(cluster.Put(coordinator, "k", "v", VectorClock.Empty).Succeeded, Is.True, $"W = 2 without {silent}");
        Assert.DoesNotThrow(() => cluster.Simulation.RunFor(TimeSpan.FromSeconds(2)),
            $"after HandoffAfter the write looks for a fallback to hold a hint for {silent}, finds none, and keeps retrying {silent} until its timeout; {cluster.Simulation.ReplayHint}");
    }

    [Test]
    [Category("behaviour")]
    public void With_W_equal_to_1_a_write_succeeds_as_soon_as_the_coordinator_has_stored_it()
    {
        var cluster = new Cluster(new Simulation(1), 3, members => new KvSettings { Members = members, R = 1, W = 1 });
        var via = cluster.HomesOf("k")[0];
        PutResult? result = null;
        cluster[via].Put("k", "v", VectorClock.Empty, r => result = r);
        cluster.Simulation.RunFor(TimeSpan.Zero);
        Assert.That(result?.Succeeded, Is.True,
            $"the coordinator's own durable write is one acknowledgement, so W = 1 is reached without waiting for any message (every link takes 1 ms); {cluster.Simulation.ReplayHint}");
    }

    [Test]
    [Category("behaviour")]
    public void An_unanswered_write_is_resent_every_RetryInterval_and_not_sooner()
    {
        var (cluster, coordinator, silent) = ClusterWithASilentReplica();
        cluster[coordinator].Put("k", "v", VectorClock.Empty, _ => { });
        CheckResends(cluster, coordinator, silent, "write");
    }

    [Test]
    [Category("behaviour")]
    public void An_unanswered_read_is_resent_every_RetryInterval_and_not_sooner()
    {
        var (cluster, coordinator, silent) = ClusterWithASilentReplica();
        cluster[coordinator].Get("k", _ => { });
        CheckResends(cluster, coordinator, silent, "read");
    }

    [Test]
    [Category("behaviour")]
    public void A_write_is_not_sent_again_to_a_replica_that_acknowledged_it()
    {
        var cluster = new Cluster(new Simulation(1), 3, members => new KvSettings { Members = members, HintedHandoff = false });
        var (coordinator, answering, silent) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        cluster.Simulation.Crash(silent);
        cluster[coordinator].Put("k", "v", VectorClock.Empty, _ => { });
        cluster.Simulation.RunFor(TimeSpan.FromSeconds(2));   // past the request's timeout: the retries went to the silent replica only
        Assert.That(cluster.Simulation.Metrics.ForLink(coordinator, answering).MessagesSent, Is.EqualTo(1),
            $"{answering} acknowledged the write at once (reliable 1 ms links); resends go only to replicas that have not acknowledged ({silent} is down); {cluster.Simulation.ReplayHint}");
    }

    [Test]
    [Category("behaviour")]
    public void A_read_is_not_sent_again_to_a_replica_that_answered_with_every_version()
    {
        var cluster = new Cluster(new Simulation(1), 3, members => new KvSettings { Members = members, HintedHandoff = false });
        var (coordinator, answering, silent) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        Assert.That(cluster.Put(coordinator, "k", "v", VectorClock.Empty).Succeeded, Is.True, "the write before the read");
        cluster.Simulation.RunFor(TimeSpan.FromSeconds(2));
        cluster.Simulation.Crash(silent);
        var before = cluster.Simulation.Metrics.ForLink(coordinator, answering).MessagesSent;
        cluster[coordinator].Get("k", _ => { });
        cluster.Simulation.RunFor(TimeSpan.FromSeconds(2));
        Assert.That(cluster.Simulation.Metrics.ForLink(coordinator, answering).MessagesSent - before, Is.EqualTo(1),
            $"{answering} answered the read at once with the same versions as {coordinator}: it needs no resend (only {silent}, which is down, does) " +
            $"and no read repair; {cluster.Simulation.ReplayHint}");
    }

    [Test]
    [Category("behaviour")]
    public void A_hint_is_offered_every_HandoffInterval_and_not_more_often()
    {
        var (cluster, _, home, holder) = ClusterWithAHintForAnUnreachableHomeReplica();
        var before = cluster.Simulation.Metrics.ForLink(holder, home).MessagesSent;
        cluster.Simulation.RunFor(TimeSpan.FromSeconds(4));
        var offers = cluster.Simulation.Metrics.ForLink(holder, home).MessagesSent - before;
        Assert.That(offers, Is.InRange(3, 5),
            $"{holder} holds a hint for the unreachable {home} and offers it once every HandoffInterval = 1 s: in 4 s, 3 to 5 offers (4 give or take one); got {offers}; {cluster.Simulation.ReplayHint}");
    }

    [Test]
    [Category("behaviour")]
    public void A_hint_for_a_member_is_offered_to_that_member_only()
    {
        var (cluster, homes, home, holder) = ClusterWithAHintForAnUnreachableHomeReplica();
        var others = homes.Where(h => h != home).ToList();
        long SentToOthers() => others.Sum(h => cluster.Simulation.Metrics.ForLink(holder, h).MessagesSent);
        var before = SentToOthers();
        cluster.Simulation.RunFor(TimeSpan.FromSeconds(4));
        Assert.That(SentToOthers() - before, Is.Zero,
            $"{holder}'s hint is for {home}, which is still a member: it waits for {home} and is not passed on to the key's other home replicas " +
            $"{string.Join(" and ", others)}, which already have the write; {cluster.Simulation.ReplayHint}");
    }

    /// <summary>
    /// Five nodes, hints offered once a second; one home replica of key "k" is cut off during a write, so a fallback
    /// (the holder) keeps a hint for it that cannot be handed over.
    /// </summary>
    private static (Cluster Cluster, IReadOnlyList<NodeId> Homes, NodeId Home, NodeId Holder) ClusterWithAHintForAnUnreachableHomeReplica()
    {
        var cluster = new Cluster(new Simulation(1), 5, members => new KvSettings { Members = members, HandoffInterval = TimeSpan.FromSeconds(1) });
        var homes = cluster.HomesOf("k");
        var (coordinator, home) = (homes[0], homes[1]);
        cluster.Simulation.Network.Isolate(home);
        Assert.That(cluster.Put(coordinator, "k", "v", VectorClock.Empty).Succeeded, Is.True, $"the write with {home} cut off");
        cluster.RunUntil(() => cluster.Nodes.Any(n => cluster[n].PendingHints > 0), TimeSpan.FromSeconds(5), $"a fallback taking a hint for {home}");
        return (cluster, homes, home, cluster.Nodes.Single(n => cluster[n].PendingHints > 0));
    }

    /// <summary>
    /// Three nodes, retries once a second and a 5 s timeout; one replica is down. The clock stands half-way between two
    /// seconds, so that a request started now is due for its first resend at 1.5 s from now, not at the next whole second.
    /// </summary>
    private static (Cluster Cluster, NodeId Coordinator, NodeId Silent) ClusterWithASilentReplica()
    {
        var cluster = new Cluster(new Simulation(1), 3, members => new KvSettings
        {
            Members = members, HintedHandoff = false, RetryInterval = TimeSpan.FromSeconds(1), RequestTimeout = TimeSpan.FromSeconds(5),
        });
        cluster.Simulation.Crash(cluster.Nodes[2]);
        cluster.Simulation.RunFor(TimeSpan.FromMilliseconds(499));
        return (cluster, cluster.Nodes[0], cluster.Nodes[2]);
    }

    private static void CheckResends(Cluster cluster, NodeId coordinator, NodeId silent, string request)
    {
        var simulation = cluster.Simulation;
        long Sent() => simulation.Metrics.ForLink(coordinator, silent).MessagesSent;
        simulation.RunFor(TimeSpan.FromMilliseconds(900));
        Assert.That(Sent(), Is.EqualTo(1),
            $"0.9 s after the {request} started, with RetryInterval = 1 s, {coordinator} has sent it to the silent {silent} once: a resend comes no sooner than RetryInterval after the last send; {simulation.ReplayHint}");
        simulation.RunFor(TimeSpan.FromSeconds(4));
        Assert.That(Sent(), Is.GreaterThanOrEqualTo(4),
            $"4.9 s after the {request} started (RequestTimeout = 5 s), {coordinator} has resent it to the silent {silent} every RetryInterval = 1 s: the first send and at least 3 resends; got {Sent()} sends; {simulation.ReplayHint}");
    }
}
