using System.Globalization;
using System.Text;
using DistSys.Testing;

namespace DistSys.Crdts.Tests;

/// <summary>
/// Prints the seed document's CRDT walkthrough (plus a register scenario) using only the public API, so a student can
/// compare their run with the expected one: <c>dotnet test tests/crdts --filter Name~Convergence_report</c>.
/// </summary>
internal static class ConvergenceReport
{
    public static string Render()
    {
        var report = new StringBuilder();
        GCounters(report);
        PNCounters(report);
        ORSets(report);
        Partition(report);
        Registers(report);
        return report.ToString();
    }

    private static void GCounters(StringBuilder report)
    {
        Heading(report, "G-Counter: three replicas, partial then full sync");
        var a = new GCounter("A");
        var b = new GCounter("B");
        var c = new GCounter("C");
        a.Increment(5);
        b.Increment(3);
        c.Increment(7);
        Line(report, "before any merge", a, b, c);
        a.Merge(b);
        b.Merge(c);
        c.Merge(a);
        Line(report, "A<-B, B<-C, C<-A", a, b, c);
        a.Merge(b);
        a.Merge(c);
        b.Merge(a);
        c.Merge(a);
        Line(report, "after full sync", a, b, c);
    }

    private static void PNCounters(StringBuilder report)
    {
        Heading(report, "PN-Counter: decrements on two replicas");
        var a = new PNCounter("A");
        var b = new PNCounter("B");
        a.Increment(10);
        a.Decrement(3);
        b.Increment(5);
        b.Decrement(2);
        report.Append(Invariant($"  before merge       A={a.Value} B={b.Value}\n"));
        a.Merge(b);
        b.Merge(a);
        report.Append(Invariant($"  after merge        A={a.Value} B={b.Value}\n"));
    }

    private static void ORSets(StringBuilder report)
    {
        Heading(report, "OR-Set: concurrent add and remove");
        var a = new ORSet<string>("A");
        var b = new ORSet<string>("B");
        a.Add("X");
        b.Add("X");
        a.Remove("X");
        b.Add("Y");
        report.Append($"  before merge       A={Set(a)} B={Set(b)}\n");
        a.Merge(b);
        b.Merge(a);
        report.Append($"  after merge        A={Set(a)} B={Set(b)}\n");
    }

    private static void Partition(StringBuilder report)
    {
        Heading(report, "G-Counter: five replicas, partition {0,1} | {2,3,4}, then heal");
        var replicas = Enumerable.Range(0, 5).Select(i => new GCounter($"Node{i}")).ToArray();
        for (var i = 0; i < replicas.Length; i++)
        {
            replicas[i].Increment(10 * (i + 1));
        }

        ReplicaHistory.MergeEveryPair(replicas[..2]);
        ReplicaHistory.MergeEveryPair(replicas[2..]);
        report.Append(Invariant($"  during partition   {Values(replicas)}\n"));
        ReplicaHistory.MergeEveryPair(replicas);
        report.Append(Invariant($"  after heal         {Values(replicas)}\n"));
    }

    private static void Registers(StringBuilder report)
    {
        Heading(report, "LWW-Register: a tie, relayed through a replica that never wrote");
        var clock = new ManualTimeProvider();
        var a = new LwwRegister<string>("A", clock);
        var b = new LwwRegister<string>("B", clock);
        var c = new LwwRegister<string>("C", clock);
        a.Set("x");
        b.Set("y");
        a.Merge(b);
        c.Merge(a);
        c.Merge(b);
        b.Merge(c);
        report.Append($"  after relaying     A={a.Value} B={b.Value} C={c.Value} (winner written by {c.Timestamp?.Writer})\n");
    }

    private static void Heading(StringBuilder report, string title) =>
        report.Append(report.Length == 0 ? string.Empty : "\n").Append(title).Append('\n');

    private static void Line(StringBuilder report, string label, params GCounter[] counters) =>
        report.Append("  ").Append(label.PadRight(19))
            .AppendJoin("  ", counters.Select(c => Invariant($"{c.ReplicaId}={c.Value} [{Slots(c)}]")))
            .Append('\n');

    private static string Slots(GCounter counter) =>
        string.Join(" ", counter.Counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => Invariant($"{c.Key}:{c.Value}")));

    private static string Set(ORSet<string> set) => "{" + string.Join(",", set.Elements.Order(StringComparer.Ordinal)) + "}";

    private static string Values(IEnumerable<GCounter> counters) =>
        string.Join(" ", counters.Select(c => Invariant($"{c.ReplicaId}={c.Value}")));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
