using System.Text;
using DistSys.Testing;

namespace DistSys.AdaptiveSelector.Tests;

/// <summary>
/// The decision log of a phased run of the selector, printed and compared with a snapshot: a read-heavy start, a
/// write-heavy burst, a noisy stretch near the threshold, a calm spell, a partition, and recovery.
/// </summary>
[Category("report")]
public class DecisionLogTests
{
    [Test]
    [SetCulture("de-DE")]
    public void Decision_log_of_a_phased_run_matches_the_snapshot()
    {
        var phases = new (string Name, int Windows, Func<int, WindowStats> Window)[]
        {
            ("read-heavy", 10, n => Windows.At(n, writesPerSecond: 100, latencyMs: 1.2)),
            ("write-heavy", 8, n => Windows.At(n, writesPerSecond: 2600, latencyMs: n % 2 == 0 ? 12.3 : 31.5)),
            ("noisy 400-600 writes/s", 9, n => Windows.At(n, writesPerSecond: n % 3 == 0 ? 600 : 400)),
            ("read-heavy", 6, n => Windows.At(n, writesPerSecond: 100)),
            ("partition", 6, n => Windows.At(n, writesPerSecond: 100, timedOut: n % 2, unreachable: 1)),
            ("healed", 6, n => Windows.At(n, writesPerSecond: 100)),
        };

        var selector = new ProtocolSelector(new SelectorOptions());
        var text = new StringBuilder();
        var number = 1;
        foreach (var (name, count, window) in phases)
        {
            var modes = Windows.Feed(selector, number, Windows.Repeat(count, window));
            text.Append($"{name,-24} windows {number,2}-{number + count - 1,2}  ")
                .AppendLine(string.Concat(modes.Select(m => m == Protocol.Leader ? 'L' : 'C')));
            number += count;
        }

        text.AppendLine().Append(DecisionLog.Format(selector.Decisions));
        Snapshot.Verify(text.ToString());
    }
}
