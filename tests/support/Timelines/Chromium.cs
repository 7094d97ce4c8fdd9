using System.Diagnostics;
using System.Text;

namespace DistSys.Testing;

/// <summary>
/// Headless Chromium for tests that must see a page the way a browser does (Debian's <c>chromium</c> package).
/// Tests call <see cref="Require"/> first: without a browser they are <em>ignored</em> with the reason, never passed,
/// unless <c>DISTSYS_REQUIRE_CHROMIUM=1</c> (CI), where a missing browser fails them.
/// </summary>
public static class Chromium
{
    /// <summary>Environment variable naming the browser executable (default: <c>chromium</c>, <c>chromium-browser</c>, <c>google-chrome</c> on the PATH).</summary>
    public const string PathVariable = "DISTSYS_CHROMIUM";

    /// <summary>Environment variable that turns a missing browser from "ignored" into a failure.</summary>
    public const string RequireVariable = "DISTSYS_REQUIRE_CHROMIUM";

    private static readonly string[] s_candidates = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

    /// <summary>The browser executable, or null when none is installed.</summary>
    public static string? Find()
    {
        string? configured = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        string[] folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return s_candidates.SelectMany(name => folders.Select(folder => Path.Combine(folder, name))).FirstOrDefault(File.Exists);
    }

    /// <summary>The browser executable; ignores the current test (or fails it, under <c>DISTSYS_REQUIRE_CHROMIUM=1</c>) when there is none.</summary>
    public static string Require()
    {
        if (Find() is { } path)
        {
            return path;
        }

        string reason = $"Chromium is not installed, so this browser test cannot run: install it (Debian: apt-get install -y chromium) or set {PathVariable} to the executable.";
        if (Environment.GetEnvironmentVariable(RequireVariable) is "1" or "true")
        {
            Assert.Fail(reason + $" ({RequireVariable} is set, so a missing browser is a failure.)");
        }

        Assert.Ignore(reason);
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>Loads a page and returns the DOM after its scripts ran (<c>--dump-dom</c>), plus every console message the page logged.</summary>
    /// <param name="htmlFile">The page, a local file.</param>
    /// <param name="timeout">How long the browser may take; default 60 s.</param>
    public static ChromiumResult DumpDom(string htmlFile, TimeSpan? timeout = null) =>
        Run(htmlFile, ["--dump-dom"], timeout);

    /// <summary>Loads a page and writes a PNG screenshot of its first <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    /// <param name="htmlFile">The page, a local file.</param>
    /// <param name="pngFile">Where to write the screenshot.</param>
    /// <param name="width">Window width in pixels.</param>
    /// <param name="height">Window height in pixels.</param>
    /// <param name="timeout">How long the browser may take; default 60 s.</param>
    public static ChromiumResult Screenshot(string htmlFile, string pngFile, int width, int height, TimeSpan? timeout = null) =>
        Run(htmlFile, [$"--screenshot={Path.GetFullPath(pngFile)}", $"--window-size={width},{height}", "--hide-scrollbars"], timeout);

    private static ChromiumResult Run(string htmlFile, string[] action, TimeSpan? timeout)
    {
        string browser = Require();
        string profile = Path.Combine(Path.GetTempPath(), "distsys-chromium-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo(browser)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        // --no-sandbox: CI containers run as root, where Chromium's sandbox refuses to start.
        foreach (string argument in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                     "--no-default-browser-check", "--disable-extensions", "--mute-audio", $"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", .. action,
                     new Uri(Path.GetFullPath(htmlFile)).AbsoluteUri])
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {browser}.");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        try
        {
            if (!process.WaitForExit(timeout ?? TimeSpan.FromSeconds(60)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"Chromium did not finish loading {htmlFile} within {(timeout ?? TimeSpan.FromSeconds(60)).TotalSeconds} s.");
            }

            process.WaitForExit();
            string log = errors.Result;
            var console = log.Split('\n').Where(line => line.Contains(":CONSOLE(", StringComparison.Ordinal) || line.Contains("Uncaught", StringComparison.Ordinal))
                .Select(line => line.Trim()).ToList();
            return new ChromiumResult(output.Result, console, process.ExitCode, clock.Elapsed, log);
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // A crash-reporter child may still hold the profile for a moment; a temp folder left behind is harmless.
            }
        }
    }
}

/// <summary>What a headless Chromium run produced.</summary>
/// <param name="Dom">Standard output: the serialized DOM for <c>--dump-dom</c>.</param>
/// <param name="ConsoleMessages">Lines the page logged to its console (errors included).</param>
/// <param name="ExitCode">The browser's exit code.</param>
/// <param name="Elapsed">Wall-clock time from start to exit (start-up included).</param>
/// <param name="Log">The browser's whole stderr, for failure messages.</param>
public sealed record ChromiumResult(string Dom, IReadOnlyList<string> ConsoleMessages, int ExitCode, TimeSpan Elapsed, string Log);
