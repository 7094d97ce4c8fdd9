using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DistSys.Grader.Benchmarks;
using DistSys.Grader.Kit;
using DistSys.Grader.Trees;

namespace DistSys.Grader.Release;

/// <summary>
/// The benchmark calibration a student kit ships (<c>grader/Benchmarks/reference-ratios.json</c>: the reference's time ÷
/// the calibration benchmark's, per case). A measurement is never the same twice, yet a release must be byte-identical
/// when nothing changed, so each measurement is kept in <c>.grader/calibration/&lt;key&gt;.json</c> and reused while
/// the key is the same. The key hashes everything the ratios depend on: the benchmarked exercises' reference, Given/ and
/// suite sources, the benchmark host and stage, the build settings and package versions, and this machine's processor
/// (model and count). Anything else may change without a new measurement.
/// </summary>
internal sealed class CalibrationCache(KitLayout kit, BenchmarkRules rules, IProgress<string> progress)
{
    private static readonly string[] SharedInputs =
    [
        "Directory.Build.props", "Directory.Packages.props", "global.json",
        "solutions/Directory.Build.props", "solutions/Solutions.csproj",
        "tests/Directory.Build.props", "tests/Directory.Build.targets", "tests/SuiteEntryPoint.cs",
    ];

    private static readonly string[] SharedFolders = ["tests/support/Hosting/", "grader/Benchmarks/", "runtime/DistSys.Runtime/"];

    /// <summary>The benchmarked exercises: listed in the rubric and with a suite.</summary>
    public IReadOnlyList<string> Slugs =>
        kit.DiscoverExercises().Where(e => e.HasSuite && rules.Exercises.Contains(e.Slug)).Select(e => e.Slug).ToList();

    /// <summary>The cache key of the kit as it is now (64 hex digits).</summary>
    public string Key()
    {
        var slugs = Slugs;
        var inputs = KitFiles.Walk(kit.Root).Where(file => IsInput(file.Key, slugs));
        var text = new StringBuilder("distsys-calibration-1\n");
        text.Append(CultureInfo.InvariantCulture, $"machine {Environment.ProcessorCount} {ProcessorModel()}\n");
        text.Append(CultureInfo.InvariantCulture, $"exercises {string.Join(' ', slugs)}\n");
        foreach (var (relative, path) in inputs)
        {
            // The released ratios file itself is an output, never an input.
            if (relative != "grader/Benchmarks/reference-ratios.json")
            {
                text.Append(CultureInfo.InvariantCulture, $"{relative}\0{Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)))}\n");
            }
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))).ToLowerInvariant();
    }

    /// <summary>Where the measurement for <paramref name="key"/> is kept.</summary>
    public string PathFor(string key) => Path.Combine(kit.WorkFolder, "calibration", key + ".json");

    /// <summary>
    /// The calibration for the kit as it is: the cached one, or (when there is none or <paramref name="recalibrate"/>)
    /// a new measurement of the reference on this machine, which is then cached.
    /// </summary>
    public async Task<(byte[] Ratios, string Key, bool Measured)> GetAsync(bool recalibrate)
    {
        var key = Key();
        var cached = PathFor(key);
        if (!recalibrate && File.Exists(cached))
        {
            return (await File.ReadAllBytesAsync(cached).ConfigureAwait(false), key, false);
        }

        progress.Report($"calibrating the benchmarks ({string.Join(", ", Slugs)}) on the reference: no measurement cached for {key[..12]}");
        // Measured in the grader's reference tree (a copy of the trusted kit), so the kit's own tracked ratios file is
        // left alone; the next grading mirrors the tree back.
        // The reference tree is shared with gradings of this kit (a batch, say): held for the whole measurement.
        var trees = new GradingTrees(kit, kit.Root);
        byte[] ratios;
        using (await trees.LockReference(progress).ConfigureAwait(false))
        {
            var reference = trees.PrepareReference();
            var stage = new BenchmarkStage(reference, reference, rules, progress);
            var exercises = reference.DiscoverExercises().Where(e => Slugs.Contains(e.Slug)).ToList();
            await stage.RecordReferenceRatiosAsync(exercises).ConfigureAwait(false);
            ratios = await File.ReadAllBytesAsync(stage.ReferenceRatiosPath).ConfigureAwait(false);
        }

        AtomicFile.Write(cached, ratios);
        return (ratios, key, true);
    }

    private static bool IsInput(string relative, IReadOnlyList<string> slugs) =>
        SharedInputs.Contains(relative)
        || SharedFolders.Any(folder => relative.StartsWith(folder, StringComparison.Ordinal))
        || slugs.Any(slug =>
            relative.StartsWith($"solutions/{slug}/", StringComparison.Ordinal)
            || relative.StartsWith($"exercises/{slug}/Given/", StringComparison.Ordinal)
            || relative.StartsWith($"tests/{slug}/", StringComparison.Ordinal));

    private static string ProcessorModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo")
                .FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        }
        catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
        {
            return "unknown";
        }
    }
}
