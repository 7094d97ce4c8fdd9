using DistSys.Testing;

namespace DistSys.CacheCoherence.Tests;

/// <summary>The seed's three demonstration scenarios, run in order on one controller; the states after each are snapshots.</summary>
[TestFixture(CoherenceProtocol.Msi)]
[TestFixture(CoherenceProtocol.Mesi)]
public sealed class SeedScenarioTests(CoherenceProtocol protocol)
{
    [Test]
    [Category("behaviour")]
    public void After_one_write_and_a_read_by_another_node() =>
        Check(stages: 1);

    [Test]
    [Category("behaviour")]
    public void After_a_third_node_overwrites_the_shared_address() =>
        Check(stages: 2);

    [Test]
    [Category("behaviour")]
    public void After_every_node_writes_one_address_and_reads_all_three() =>
        Check(stages: 3);

    private void Check(int stages)
    {
        var controller = Operation.NewController(protocol);
        var reads = new List<string>();

        controller.Write("CPU1", 100, 42);
        reads.Add($"CPU2 reads [100] -> {controller.Read("CPU2", 100)}");
        if (stages >= 2)
        {
            controller.Write("CPU3", 100, 99);
        }

        if (stages >= 3)
        {
            for (var i = 0; i < 3; i++)
            {
                controller.Write($"CPU{i + 1}", 200 + i, (i + 1) * 10);
            }

            for (var i = 0; i < 3; i++)
            {
                for (var address = 200; address < 203; address++)
                {
                    reads.Add($"CPU{i + 1} reads [{address}] -> {controller.Read($"CPU{i + 1}", address)}");
                }
            }
        }

        var violations = Coherence.Violations(controller);
        Assert.That(violations, Is.Empty, "Incoherent after the scenario:\n" + string.Join("\n", violations) + "\n" + Coherence.Render(controller));
        Assert.That(controller.FindViolations(), Is.Empty, "FindViolations reports a problem in a coherent state:\n" + Coherence.Render(controller));
        Snapshot.Verify($"protocol {protocol}\n{string.Join("\n", reads)}\n{Coherence.Render(controller)}",
            new SnapshotSettings().UseFileName($"SeedScenarioTests.{TestContext.CurrentContext.Test.MethodName}_{protocol}"));
    }
}
