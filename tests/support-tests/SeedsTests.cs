namespace DistSys.Testing.Tests;

public class SeedsTests
{
    [Test]
    public void Without_a_replay_seed_the_seeds_are_one_to_count()
    {
        Assume.That(Seeds.ReplaySeed(), Is.Null, "DISTSYS_SEED is set for this run");
        Assert.That(Seeds.Range(4), Is.EqualTo(new[] { 1, 2, 3, 4 }));
    }

    [Test]
    public void Soak_loops_run_the_given_count_unless_a_soak_run_asks_for_more()
    {
        Assume.That(Seeds.ReplaySeed(), Is.Null, "DISTSYS_SEED is set for this run");
        Assume.That(Environment.GetEnvironmentVariable(Seeds.SoakVariable), Is.Null, "DISTSYS_SOAK is set for this run");
        Assert.That(Seeds.Soak(3), Is.EqualTo(new[] { 1, 2, 3 }));
    }

    [Test]
    public void The_replay_command_names_the_seed_and_this_test()
    {
        var command = Replay.Command(42);

        Assert.That(command, Does.StartWith("DISTSYS_SEED=42 dotnet test ").And.Contain("FullyQualifiedName~DistSys.Testing.Tests.SeedsTests.The_replay_command_names_the_seed_and_this_test"));
    }

    [Test]
    public void A_failing_seeded_scenario_reports_its_seed_and_replay_command()
    {
        var failure = Assert.Throws<AssertionException>(() => Replay.Run(7, () => throw new InvalidOperationException("boom")));

        Assert.That(failure!.Message, Does.Contain("InvalidOperationException: boom").And.Contain("Seed 7. Replay: DISTSYS_SEED=7 dotnet test"));
    }
}
