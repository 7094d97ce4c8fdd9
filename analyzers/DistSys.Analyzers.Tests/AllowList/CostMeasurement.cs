using System.Diagnostics;
using System.Globalization;
using DistSys.Analyzers.Runner.AllowList;

namespace DistSys.Analyzers.Tests.AllowList;

/// <summary>
/// The cost figures in analyzers/README.md: run on demand with
/// <c>dotnet test analyzers/DistSys.Analyzers.Tests --filter Name=Measure_the_allow_list -- NUnit.Explicit=true</c>
/// (or select it explicitly in an IDE). It asserts nothing about time: the machine decides that.
/// </summary>
[Explicit("measurement, not a specification")]
public sealed class CostMeasurement
{
    [Test]
    public void Measure_the_allow_list()
    {
        var slugs = Kit.Slugs().ToList();
        var references = Kit.SlugsWithReference().ToList();
        var (coldWall, coldCpu) = Time(() => AllowListChecker.CheckExercise(Kit.Root, "crdts", Kit.Root, Kit.Policy));
        Print($"first check in the process (crdts stub, cold): wall {coldWall:F0} ms, CPU {coldCpu:F0} ms");

        foreach (var slug in references)
        {
            var runs = Enumerable.Range(0, 5)
                .Select(_ => Time(() => AllowListChecker.Check(slug, Kit.CsFiles(Path.Combine(Kit.Root, "solutions", slug)), Kit.GivenFiles(slug), Kit.Policy)))
                .ToList();
            var lines = Kit.CsFiles(Path.Combine(Kit.Root, "solutions", slug)).Sum(file => File.ReadAllLines(file).Length);
            Print($"{slug} reference ({lines} lines), warm: wall median {Median(runs.Select(r => r.Wall)):F0} ms, CPU median {Median(runs.Select(r => r.Cpu)):F0} ms");
        }

        var all = Enumerable.Range(0, 3).Select(_ => Time(() =>
        {
            foreach (var slug in references)
            {
                AllowListChecker.Check(slug, Kit.CsFiles(Path.Combine(Kit.Root, "solutions", slug)), Kit.GivenFiles(slug), Kit.Policy);
            }
            foreach (var slug in slugs)
            {
                AllowListChecker.CheckExercise(Kit.Root, slug, Kit.Root, Kit.Policy);
            }
        })).ToList();
        Print($"all {references.Count} references and {slugs.Count} stubs, warm: wall median {Median(all.Select(r => r.Wall)):F0} ms, CPU median {Median(all.Select(r => r.Cpu)):F0} ms");
        Assert.Pass();
    }

    private static (double Wall, double Cpu) Time(Action action)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        action();
        watch.Stop();
        process.Refresh();
        return (watch.Elapsed.TotalMilliseconds, (process.TotalProcessorTime - cpu).TotalMilliseconds);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static void Print(FormattableString text) => TestContext.Out.WriteLine(text.ToString(CultureInfo.InvariantCulture));
}
