using System.Diagnostics;
using System.Globalization;

namespace DistSys.Grader.Tests;

/// <summary>How a process ended, what it wrote, and the most memory it held.</summary>
/// <param name="PeakResidentBytes">The process's peak resident memory over its whole run.</param>
/// <param name="PeakWhileMeasuredBytes">Its largest resident memory sampled while the run's measure condition held.</param>
internal sealed record ProcessRun(int ExitCode, string Output, string Error, long PeakResidentBytes, long PeakWhileMeasuredBytes, int Pid, TimeSpan Elapsed);

/// <summary>A throwaway copy of the kit for the end-to-end fixtures, and the processes they run against it.</summary>
internal static class KitCopy
{
    public static readonly TimeSpan GraderLimit = TimeSpan.FromMinutes(25);

    /// <summary>Copies the files git tracks in <paramref name="from"/> into a fresh temporary folder and returns it.</summary>
    public static string Create(string from, string prefix)
    {
        var to = Directory.CreateTempSubdirectory(prefix).FullName;
        var git = Run("git", ["ls-files", "-z"], from);
        Assert.That(git.ExitCode, Is.Zero, $"git ls-files failed in {from}: {git.Error}");
        foreach (var file in git.Output.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var source = Path.Combine(from, file);
            if (!File.Exists(source))
            {
                continue;
            }

            var target = Path.Combine(to, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
        }

        return to;
    }

    /// <summary>
    /// Deletes the grading trees the grader made in the system temp folder (as root) for a kit holding
    /// tests/<paramref name="slug"/>: left behind, an old tree would still be there for later runs' attacks to read.
    /// </summary>
    public static void DeleteGradingTrees(string slug)
    {
        foreach (var trees in Directory.EnumerateDirectories(Path.GetTempPath(), "distsys-grader-*"))
        {
            if (Directory.Exists(Path.Combine(trees, "reference", "tests", slug)) || Directory.Exists(Path.Combine(trees, "student", "tests", slug)))
            {
                Directory.Delete(trees, recursive: true);
            }
        }
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="root"/>/<paramref name="relative"/>, creating folders.</summary>
    public static void Write(string root, string relative, string text)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>
    /// Adds an exercise to a kit: its stub project and sources, its reference sources under solutions/ (the reference
    /// build gives the expected test list) and its suite.
    /// </summary>
    public static void WriteExercise(
        string root, string slug, string pascal,
        IReadOnlyDictionary<string, string> stub, IReadOnlyDictionary<string, string> solution, string tests)
    {
        Write(root, $"exercises/{slug}/{pascal}.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        foreach (var (file, text) in stub)
        {
            Write(root, $"exercises/{slug}/{file}", $"namespace DistSys.{pascal};\n\n{text}\n");
        }

        foreach (var (file, text) in solution)
        {
            Write(root, $"solutions/{slug}/{file}", $"namespace DistSys.{pascal};\n\n{text}\n");
        }

        Write(root, $"tests/{slug}/{pascal}.Tests.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        Write(root, $"tests/{slug}/Tests.cs", $"namespace DistSys.{pascal}.Tests;\n\n{tests}\n");
    }

    /// <summary>Runs the grader built beside the tests.</summary>
    public static ProcessRun RunGrader(
        IReadOnlyList<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null, Func<bool>? measureWhile = null,
        TimeSpan? limit = null) =>
        Run("dotnet", ["exec", Path.Combine(TestContext.CurrentContext.TestDirectory, "DistSys.Grader.dll"), .. arguments],
            workingDirectory, environment, measureWhile, limit);

    /// <summary>
    /// Runs a process to its end and returns its exit code, output and resident memory: the kernel's high-water mark
    /// (VmHWM) as last read, and the largest VmRSS sampled (every 50 ms) while <paramref name="measureWhile"/> held.
    /// </summary>
    public static ProcessRun Run(
        string fileName, IReadOnlyList<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string>? environment = null, Func<bool>? measureWhile = null, TimeSpan? limit = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var clock = Stopwatch.StartNew();
        long peak = 0;
        long peakWhileMeasured = 0;
        while (!process.WaitForExit(50))
        {
            peak = Math.Max(peak, StatusBytes(process.Id, "VmHWM:"));
            if (measureWhile?.Invoke() == true)
            {
                peakWhileMeasured = Math.Max(peakWhileMeasured, StatusBytes(process.Id, "VmRSS:"));
            }

            if (clock.Elapsed > (limit ?? GraderLimit))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"{fileName} {string.Join(' ', arguments)} did not finish within {(limit ?? GraderLimit).TotalMinutes} minutes.");
            }
        }

        process.WaitForExit();
        return new ProcessRun(process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult(), peak, peakWhileMeasured, process.Id, clock.Elapsed);
    }

    /// <summary>A memory figure of /proc/PID/status (VmHWM: peak resident, VmRSS: resident now), or 0 once the process is gone.</summary>
    private static long StatusBytes(int pid, string key)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(text => text.StartsWith(key, StringComparison.Ordinal));
            var fields = line?.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            return fields is { Length: > 1 } ? long.Parse(fields[1], CultureInfo.InvariantCulture) * 1024 : 0;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
