using DistSys.Testing;
using FsCheck.Fluent;

namespace DistSys.CacheCoherence.Tests;

/// <summary>Generated access sequences (FsCheck, fixed replay seed): invariants hold after every single step.</summary>
public sealed class PropertyTests
{
    [TestCase(CoherenceProtocol.Msi)]
    [TestCase(CoherenceProtocol.Mesi)]
    [Category("safety")]
    public void Caches_stay_coherent_and_reads_return_the_last_write_after_every_step(CoherenceProtocol protocol)
    {
        Properties.Check(Prop.ForAll(Operation.Sequences, operations =>
        {
            var controller = Operation.NewController(protocol);
            var lastWritten = new Dictionary<int, int>();
            for (var step = 0; step < operations.Count; step++)
            {
                var operation = operations[step];
                var read = operation.ApplyTo(controller);
                if (operation.Kind == OperationKind.Write)
                {
                    lastWritten[operation.Address] = operation.Value;
                }

                var history = string.Join("\n  ", operations.Take(step + 1));
                if (read is { } value && value != lastWritten.GetValueOrDefault(operation.Address))
                {
                    throw new AssertionException(
                        $"Step {step + 1} ({operation}) returned {value}, but the last value written there is " +
                        $"{lastWritten.GetValueOrDefault(operation.Address)}.\nSteps:\n  {history}\nState:\n{Coherence.Render(controller)}");
                }

                var violations = Coherence.Violations(controller);
                if (violations.Count > 0)
                {
                    throw new AssertionException(
                        $"Incoherent after step {step + 1} ({operation}):\n  {string.Join("\n  ", violations)}\n" +
                        $"Steps:\n  {history}\nState:\n{Coherence.Render(controller)}");
                }
            }
        }));
    }

    [Test]
    [Category("laws")]
    public void Mesi_never_uses_more_bus_transactions_than_msi_on_the_same_sequence()
    {
        Properties.Check(Prop.ForAll(Operation.Sequences, operations =>
        {
            var msi = Operation.NewController(CoherenceProtocol.Msi);
            var mesi = Operation.NewController(CoherenceProtocol.Mesi);
            foreach (var operation in operations)
            {
                operation.ApplyTo(msi);
                operation.ApplyTo(mesi);
            }

            var (msiBus, mesiBus) = (msi.GetStatistics().BusTransactions, mesi.GetStatistics().BusTransactions);
            if (mesiBus > msiBus)
            {
                throw new AssertionException(
                    $"MESI used {mesiBus} bus transactions, MSI {msiBus}, on:\n  {string.Join("\n  ", operations)}");
            }
        }));
    }
}
