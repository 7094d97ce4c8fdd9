using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Threading.Channels;

namespace DistSys.Grader.Running;

/// <summary>How a suite is run: its time limits and the environment its process gets.</summary>
/// <param name="TestTimeout">Wall-clock limit per test.</param>
/// <param name="MaxRestarts">After this many restarts (one per hang or crash) the remaining tests are not run.</param>
internal sealed record SuiteRunSettings(
    TimeSpan TestTimeout,
    IReadOnlyDictionary<string, string?> Environment,
    int MaxRestarts = 10)
{
    /// <summary>Limit for stretches outside any test: start-up, fixture set-up and tear-down.</summary>
    public TimeSpan IdleTimeout => TimeSpan.FromTicks(Math.Max(TestTimeout.Ticks * 2, TimeSpan.FromSeconds(20).Ticks));
}

/// <summary>
/// Runs one suite executable under the host protocol. A test that overruns its limit gets the process killed; a test
/// during which the process dies is failed with the reason. Either way the suite is started again, skipping every
/// test that already has a verdict, until all tests have one or the restarts run out.
/// </summary>
internal sealed class SuiteRunner(SuiteRunSettings settings)
{
    private const int StandardErrorLinesKept = 40;
    private const int StandardErrorLinesShown = 6;
    private const int StandardErrorLineLength = 200;

    public async Task<SuiteOutcome> RunAsync(string suiteAssembly)
    {
        var clock = Stopwatch.StartNew();
        var results = new Dictionary<string, TestResult>(StringComparer.Ordinal);
        IReadOnlyList<string>? listed = null;
        var restarts = 0;
        while (true)
        {
            var attempt = await RunOnceAsync(suiteAssembly, [.. results.Keys], results).ConfigureAwait(false);
            listed ??= attempt.Listed;
            if (listed is null)
            {
                return new SuiteOutcome([], attempt.Describe(settings), restarts, clock.Elapsed);
            }

            if (attempt.End == AttemptEnd.Completed)
            {
                break;
            }

            var culprit = attempt.RunningTest ?? listed.FirstOrDefault(name => !results.ContainsKey(name));
            if (culprit is null)
            {
                break;
            }

            results[culprit] = TestResult.Failed(culprit, attempt.Describe(settings));
            if (listed.All(results.ContainsKey))
            {
                break;
            }

            if (++restarts > settings.MaxRestarts)
            {
                foreach (var name in listed.Where(name => !results.ContainsKey(name)))
                {
                    results[name] = TestResult.Failed(name, "not run: the suite crashed repeatedly");
                }

                break;
            }
        }

        var tests = listed
            .Select(name => results.GetValueOrDefault(name) ?? TestResult.Failed(name, "not run: the suite never reported this test"))
            .OrderBy(test => test.Name, StringComparer.Ordinal)
            .ToList();
        return new SuiteOutcome(tests, null, restarts, clock.Elapsed);
    }

    private async Task<Attempt> RunOnceAsync(string suiteAssembly, IReadOnlyList<string> skip, Dictionary<string, TestResult> results)
    {
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        using var suite = ChildProcess.StartDotnet(
            ["exec", suiteAssembly, HostProtocol.HostArgument],
            Path.GetDirectoryName(suiteAssembly)!,
            settings.Environment);
        await suite.WriteInputAndCloseAsync(HostProtocol.FormatRequest(new HostRequest(token, skip)) + "\n").ConfigureAwait(false);

        var attempt = new Attempt();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var limit = attempt.RunningTest is null ? settings.IdleTimeout : settings.TestTimeout;
            var remaining = limit - deadline.Elapsed;
            ProcessLine? line;
            try
            {
                using var wait = new CancellationTokenSource(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
                line = await suite.Lines.ReadAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                suite.KillTree();
                attempt.End = attempt.RunningTest is null ? AttemptEnd.IdleTimedOut : AttemptEnd.TestTimedOut;
                return attempt;
            }
            catch (ChannelClosedException)
            {
                attempt.End = AttemptEnd.Exited;
                attempt.ExitCode = suite.ExitCode;
                return attempt;
            }

            if (line.Value.IsStandardError)
            {
                attempt.KeepStandardError(line.Value.Text);
                continue;
            }

            var hostEvent = HostProtocol.ParseEvent(token, line.Value.Text);
            if (hostEvent is null)
            {
                continue;
            }

            switch (hostEvent.Event)
            {
                case HostProtocol.Listed when attempt.Listed is null && hostEvent.Tests is not null:
                    attempt.Listed = hostEvent.Tests;
                    deadline.Restart();
                    break;
                case HostProtocol.Started when attempt.Listed is not null && hostEvent.Test is { } name && attempt.Listed.Contains(name) && !results.ContainsKey(name):
                    attempt.RunningTest = name;
                    attempt.StandardError.Clear();
                    deadline.Restart();
                    break;
                case HostProtocol.Finished when hostEvent.Test is { } name && name == attempt.RunningTest:
                    results[name] = new TestResult(name, KnownStatus(hostEvent.Status), hostEvent.Message, hostEvent.DurationMs, hostEvent.Output);
                    attempt.RunningTest = null;
                    deadline.Restart();
                    break;
                case HostProtocol.Completed when attempt.Listed is not null:
                    attempt.End = AttemptEnd.Completed;
                    return attempt;
                default:
                    // Out of order or unknown: never trusted, so the test concerned cannot pass by it.
                    break;
            }
        }
    }

    private static string KnownStatus(string? status) =>
        status is HostProtocol.Passed or HostProtocol.Skipped ? status : HostProtocol.Failed;

    private enum AttemptEnd
    {
        Completed,
        TestTimedOut,
        IdleTimedOut,
        Exited,
    }

    /// <summary>What one suite process did before it completed, hung or died.</summary>
    private sealed class Attempt
    {
        public IReadOnlyList<string>? Listed { get; set; }

        public string? RunningTest { get; set; }

        public AttemptEnd End { get; set; }

        public int ExitCode { get; set; }

        /// <summary>The suite's stderr since the current test started: where the runtime reports crashes.</summary>
        public List<string> StandardError { get; } = [];

        public void KeepStandardError(string line)
        {
            if (StandardError.Count < StandardErrorLinesKept && !string.IsNullOrWhiteSpace(line))
            {
                StandardError.Add(line.Length > StandardErrorLineLength ? line[..StandardErrorLineLength] + "…" : line);
            }
        }

        public string Describe(SuiteRunSettings settings)
        {
            var seconds = (RunningTest is null ? settings.IdleTimeout : settings.TestTimeout).TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            return (End, RunningTest, Listed) switch
            {
                (AttemptEnd.TestTimedOut, _, _) => $"timed out after {seconds} s (possible infinite loop)",
                (AttemptEnd.IdleTimedOut, null, null) => $"the suite did not start within {seconds} s",
                (AttemptEnd.IdleTimedOut, _, _) => $"not run: the suite hung for {seconds} s outside any test (a fixture set-up or tear-down may loop)",
                (_, null, null) => "the suite could not start: " + Crash(),
                (_, null, _) => "not run: the suite process died outside any test: " + Crash(),
                _ => "the suite process died during this test: " + Crash(),
            };
        }

        private string Crash()
        {
            var reason = ExitCode == 0
                ? "it exited with code 0 (did the code call Environment.Exit?)"
                : string.Create(CultureInfo.InvariantCulture, $"exit code {ExitCode}");
            var overflow = StandardError.Any(line => line.Contains("Stack overflow", StringComparison.OrdinalIgnoreCase));
            var shown = StandardError.Take(StandardErrorLinesShown).ToList();
            var details = shown.Count == 0 ? string.Empty : "\n" + string.Join("\n", shown);
            return (overflow ? "Stack overflow; " : string.Empty) + reason + details;
        }
    }
}
