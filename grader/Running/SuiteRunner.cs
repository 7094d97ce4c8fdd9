using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using DistSys.Grader.Containment;

namespace DistSys.Grader.Running;

/// <summary>How a suite is run: its limits, the environment its process gets, and the tests it must report.</summary>
/// <param name="TestTimeout">Processor time a test may use. Wall-clock time is limited too, at <see cref="WallClockFactor"/> times this.</param>
/// <param name="Environment">Variables for the suite process, on top of the sandbox's minimal environment (null values are ignored).</param>
/// <param name="ExpectedTests">The test list from the kit's trusted build; the suite's own listing must match it.</param>
/// <param name="MaxRestarts">After this many restarts (one per hang or crash) the remaining tests are not run.</param>
/// <param name="Slot">Tells apart the suites one grader runs at once (their sandbox users differ).</param>
internal sealed record SuiteRunSettings(
    TimeSpan TestTimeout,
    IReadOnlyDictionary<string, string?> Environment,
    IReadOnlyList<string>? ExpectedTests = null,
    int MaxRestarts = 10,
    long MemoryLimitBytes = SuiteRunSettings.DefaultMemoryLimitBytes,
    int Slot = 0,
    bool Sandboxed = true)
{
    public const long DefaultMemoryLimitBytes = 1024L * 1024 * 1024;

    /// <summary>The one folder the suite may write besides its scratch space: failure timelines (DISTSYS_ARTIFACTS).</summary>
    public string? ArtifactsFolder { get; init; }

    /// <summary>
    /// A test is stopped once it has used <see cref="TestTimeout"/> of processor time (an infinite loop) or this many
    /// times that in wall-clock time (a deadlock, a wait that never ends). Processor time does not grow when a loaded
    /// machine makes the test wait for a core, so correct code keeps its grade on a busy CI runner.
    /// </summary>
    public const int WallClockFactor = 3;

    /// <summary>
    /// The limits above are measured without the time a loaded machine keeps the suite waiting for a core (see
    /// <see cref="StarvationClock"/>); plain wall-clock time may run to this many times them before the suite is stopped anyway.
    /// </summary>
    public const int StarvedFactor = 20;

    /// <summary>Limit for starting the process and listing the tests (runtime start-up, test discovery).</summary>
    public TimeSpan StartupTimeout => TimeSpan.FromTicks(Math.Max(TestTimeout.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));

    /// <summary>Limit for stretches between tests: fixture set-up and tear-down.</summary>
    public TimeSpan IdleTimeout => TestTimeout * WallClockFactor;

    /// <summary>The wall-clock limit that applies in the given phase of a run.</summary>
    public TimeSpan LimitWhile(bool listed, bool inTest) => !listed ? StartupTimeout : inTest ? TestTimeout * WallClockFactor : IdleTimeout;
}

/// <summary>
/// Runs one suite executable under the host protocol, in a <see cref="Sandbox"/>. A test that overruns its limits or
/// the memory limit gets the process killed; a test during which the process dies is failed with the reason. Either
/// way the suite is started again, skipping every test that already has a verdict, until all tests have one or the
/// restarts run out. Every process the suite started is killed before the next attempt.
/// </summary>
internal sealed class SuiteRunner(SuiteRunSettings settings)
{
    private const int StandardErrorLinesKept = 40;
    private const int StandardErrorLinesShown = 6;
    private const int StandardErrorLineLength = 200;
    private static readonly TimeSpan WatchInterval = TimeSpan.FromMilliseconds(100);

    public async Task<SuiteOutcome> RunAsync(string suiteAssembly)
    {
        var clock = Stopwatch.StartNew();
        var results = new Dictionary<string, TestResult>(StringComparer.Ordinal);
        IReadOnlyList<string>? listed = null;
        string? listingProblem = null;
        var restarts = 0;
        while (true)
        {
            var attempt = await RunOnceAsync(suiteAssembly, [.. results.Keys], results).ConfigureAwait(false);
            if (listed is null && attempt.Listed is not null)
            {
                listed = settings.ExpectedTests ?? attempt.Listed;
                listingProblem = ListingProblem(settings.ExpectedTests, attempt.Listed);
            }

            if (listed is null)
            {
                return new SuiteOutcome([], attempt.Describe(settings), restarts, clock.Elapsed);
            }

            if (attempt.ReportedCrash is { } crash && crash.Test is { } origin && listed.Contains(origin))
            {
                // The crash's stack replaces the bare exit code as the running test's message.
                results[origin] = TestResult.Failed(origin, crash.Message);
                if (listed.All(results.ContainsKey))
                {
                    break;
                }

                if (attempt.End != AttemptEnd.Completed && ++restarts <= settings.MaxRestarts)
                {
                    continue;
                }
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
        return new SuiteOutcome(tests, null, restarts, clock.Elapsed) { ListingProblem = listingProblem };
    }

    /// <summary>Why the suite's own listing cannot be trusted: it differs from the kit's build (student code changed the suite at run time).</summary>
    private static string? ListingProblem(IReadOnlyList<string>? expected, IReadOnlyList<string> reported)
    {
        if (expected is null)
        {
            return null;
        }

        var missing = expected.Except(reported, StringComparer.Ordinal).ToList();
        var extra = reported.Except(expected, StringComparer.Ordinal).ToList();
        if (missing.Count == 0 && extra.Count == 0)
        {
            return null;
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"the suite process listed tests that differ from the kit's build ({missing.Count} missing, {extra.Count} unknown{(extra.Count > 0 ? ", e.g. " + extra[0] : string.Empty)}): only the kit's tests count");
    }

    private async Task<Attempt> RunOnceAsync(string suiteAssembly, IReadOnlyList<string> skip, Dictionary<string, TestResult> results)
    {
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        // Trusted code (the reference, for `accept`) keeps the grader's user, so it may write the reference tree's snapshots.
        using var sandbox = Sandbox.Create(settings.Slot, settings.MemoryLimitBytes, separateUser: settings.Sandboxed);
        using var channel = HostChannel.Listen(sandbox.GraderFolder);
        var environment = settings.Environment;
        if (settings.ArtifactsFolder is { } artifacts)
        {
            sandbox.GrantFolder(artifacts);
            environment = new Dictionary<string, string?>(environment) { ["DISTSYS_ARTIFACTS"] = artifacts };
        }

        var startInfo = sandbox.StartInfo(["exec", suiteAssembly, HostProtocol.HostArgument], Path.GetDirectoryName(suiteAssembly)!, environment);

        var attempt = new Attempt();
        using (var suite = ChildProcess.Start(startInfo, OutputKeeping.StandardErrorTail))
        {
            await suite.WriteInputAndCloseAsync(HostProtocol.FormatRequest(new HostRequest(token, skip) { Channel = channel.SocketPath }) + "\n").ConfigureAwait(false);
            attempt.Deadline = new StarvationClock(suite.Id, TimeProvider.System);
            var stderr = CollectStandardErrorAsync(suite, attempt);
            using var stop = new CancellationTokenSource();
            var watch = WatchAsync(suite, sandbox, attempt, stop);
            try
            {
                await ReadEventsAsync(channel, suite, attempt, results, token, stop.Token).ConfigureAwait(false);
            }
            finally
            {
                await stop.CancelAsync().ConfigureAwait(false);
                suite.KillTree();
                sandbox.KillAll();
                await Task.WhenAll(watch, stderr).ConfigureAwait(false);
                if (attempt.End == AttemptEnd.Exited)
                {
                    await suite.Exited.ConfigureAwait(false);
                    attempt.ExitCode = suite.ExitCode;
                }
            }
        }

        return attempt;
    }

    private async Task ReadEventsAsync(
        HostChannel channel, ChildProcess suite, Attempt attempt, Dictionary<string, TestResult> results, string token, CancellationToken stopped)
    {
        // The watchdog enforces each phase's limit on attempt.Deadline, which does not count time spent waiting for a
        // core; this wall-clock backstop only catches a machine so overloaded that even that never comes.
        var deadline = Stopwatch.StartNew();
        BoundedLineReader? events = null;
        while (true)
        {
            var limit = settings.LimitWhile(attempt.Listed is not null, attempt.RunningTest is not null) * SuiteRunSettings.StarvedFactor;
            var remaining = limit - deadline.Elapsed;
            string? line;
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stopped);
            wait.CancelAfter(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
            try
            {
                if (events is null)
                {
                    // The process may die before it connects; then its exit ends the wait.
                    var accept = channel.AcceptAsync(wait.Token);
                    if (await Task.WhenAny(accept, suite.Exited).ConfigureAwait(false) != accept)
                    {
                        attempt.End = AttemptEnd.Exited;
                        return;
                    }

                    events = await accept.ConfigureAwait(false);
                    continue;
                }

                line = await events.ReadLineAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                attempt.End = attempt.Stop ?? (attempt.RunningTest is null ? AttemptEnd.IdleTimedOut : AttemptEnd.TestTimedOut);
                return;
            }
            catch (IOException)
            {
                line = null;
            }

            if (line is null)
            {
                attempt.End = attempt.Stop ?? AttemptEnd.Exited;
                return;
            }

            var hostEvent = HostProtocol.ParseEvent(token, line);
            if (hostEvent is null)
            {
                continue;
            }

            switch (hostEvent.Event)
            {
                case HostProtocol.Listed when attempt.Listed is null && hostEvent.Tests is not null:
                    attempt.Listed = hostEvent.Tests;
                    deadline.Restart();
                    attempt.Deadline?.Restart();
                    break;
                case HostProtocol.Started when attempt.Listed is not null && hostEvent.Test is { } name && IsExpected(attempt, name) && !results.ContainsKey(name):
                    attempt.RunningTest = name;
                    attempt.TestProcessorTimeAtStart = ProcessorTime(suite);
                    attempt.ClearStandardError();
                    deadline.Restart();
                    attempt.Deadline?.Restart();
                    break;
                case HostProtocol.Finished when hostEvent.Test is { } name && name == attempt.RunningTest:
                    results[name] = new TestResult(name, KnownStatus(hostEvent.Status), hostEvent.Message, hostEvent.DurationMs, hostEvent.Output)
                    {
                        Simulation = hostEvent.Simulation,
                    };
                    attempt.RunningTest = null;
                    deadline.Restart();
                    attempt.Deadline?.Restart();
                    break;
                case HostProtocol.Crashed when attempt.Listed is not null && attempt.ReportedCrash is null:
                    // Blamed on the test running when it came: the host cannot tell which test started the thread.
                    attempt.ReportedCrash = (attempt.RunningTest, hostEvent.Message ?? "an unhandled exception on a background thread");
                    if (attempt.ReportedCrash.Value.Test is null)
                    {
                        attempt.CrashOutsideTests = hostEvent.Message;
                    }

                    break;
                case HostProtocol.Completed when attempt.Listed is not null:
                    attempt.End = AttemptEnd.Completed;
                    return;
                default:
                    // Out of order or unknown: never trusted, so the test concerned cannot pass by it.
                    break;
            }
        }
    }

    private bool IsExpected(Attempt attempt, string name) =>
        settings.ExpectedTests is { } expected ? expected.Contains(name, StringComparer.Ordinal) : attempt.Listed!.Contains(name);

    /// <summary>Stops the suite when the running test has used its processor time or the sandbox its memory.</summary>
    private async Task WatchAsync(ChildProcess suite, Sandbox sandbox, Attempt attempt, CancellationTokenSource stop)
    {
        using var timer = new PeriodicTimer(WatchInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false))
            {
                if (attempt.RunningTest is not null && attempt.TestProcessorTimeAtStart is { } start
                    && ProcessorTime(suite) - start > settings.TestTimeout)
                {
                    attempt.Stop = AttemptEnd.TestUsedProcessorTime;
                }
                else if (attempt.Deadline is { } deadline
                    && deadline.Elapsed > settings.LimitWhile(attempt.Listed is not null, attempt.RunningTest is not null))
                {
                    attempt.Stop = attempt.RunningTest is null ? AttemptEnd.IdleTimedOut : AttemptEnd.TestTimedOut;
                }
                else if (sandbox.ResidentBytes() > settings.MemoryLimitBytes)
                {
                    attempt.Stop = AttemptEnd.MemoryExceeded;
                }
                else
                {
                    continue;
                }

                suite.KillTree();
                sandbox.KillAll();
                await stop.CancelAsync().ConfigureAwait(false);
                return;
            }
        }
        catch (OperationCanceledException)
        {
            // The attempt is over.
        }
    }

    private static async Task CollectStandardErrorAsync(ChildProcess suite, Attempt attempt)
    {
        await foreach (var line in suite.Lines.ReadAllAsync().ConfigureAwait(false))
        {
            if (line.IsStandardError)
            {
                attempt.KeepStandardError(line.Text);
            }
        }
    }

    private static TimeSpan ProcessorTime(ChildProcess suite)
    {
        try
        {
            return suite.ProcessorTime;
        }
        catch (Exception error) when (error is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return TimeSpan.Zero;
        }
    }

    private static string KnownStatus(string? status) =>
        status is HostProtocol.Passed or HostProtocol.Skipped ? status : HostProtocol.Failed;

    private enum AttemptEnd
    {
        Completed,
        TestTimedOut,
        TestUsedProcessorTime,
        MemoryExceeded,
        IdleTimedOut,
        Exited,
    }

    /// <summary>What one suite process did before it completed, hung or died.</summary>
    private sealed class Attempt
    {
        private readonly Lock gate = new();
        private readonly List<string> standardError = [];

        public IReadOnlyList<string>? Listed { get; set; }

        public volatile string? RunningTest;

        public TimeSpan? TestProcessorTimeAtStart { get; set; }

        /// <summary>Time in the current phase (start-up, a test, between tests), not counting waits for a core.</summary>
        public StarvationClock? Deadline { get; set; }

        public AttemptEnd End { get; set; }

        /// <summary>The crash the host reported before the process died, and the test it blamed.</summary>
        public (string? Test, string Message)? ReportedCrash { get; set; }

        /// <summary>A crash on a thread no test started (a fixture's, or the runtime's).</summary>
        public string? CrashOutsideTests { get; set; }

        /// <summary>Set by the watchdog when it stopped the process.</summary>
        public AttemptEnd? Stop { get; set; }

        public int ExitCode { get; set; }

        public void ClearStandardError()
        {
            lock (gate)
            {
                standardError.Clear();
            }
        }

        /// <summary>The suite's stderr since the current test started: where the runtime reports crashes.</summary>
        public void KeepStandardError(string line)
        {
            lock (gate)
            {
                if (standardError.Count < StandardErrorLinesKept && !string.IsNullOrWhiteSpace(line))
                {
                    standardError.Add(line.Length > StandardErrorLineLength ? line[..StandardErrorLineLength] + "…" : line);
                }
            }
        }

        public string Describe(SuiteRunSettings settings)
        {
            var wall = Seconds(settings.LimitWhile(Listed is not null, RunningTest is not null));
            var cpu = Seconds(settings.TestTimeout);
            var memory = settings.MemoryLimitBytes / (1024 * 1024);
            return (End, RunningTest, Listed) switch
            {
                (AttemptEnd.TestUsedProcessorTime, _, _) => $"did not finish within {cpu} s of processor time (an infinite loop, or far too much work)",
                (AttemptEnd.TestTimedOut, _, _) => $"did not finish within {wall} s (infinite loop, deadlock, or waiting forever)",
                (AttemptEnd.MemoryExceeded, _, _) => $"exceeded the {memory} MiB memory limit",
                (AttemptEnd.IdleTimedOut, null, null) => $"the suite did not start within {wall} s",
                (AttemptEnd.IdleTimedOut, _, _) => $"not run: the suite hung for {wall} s outside any test (a fixture set-up or tear-down may loop)",
                (_, null, null) => "the suite could not start: " + Crash(),
                (_, null, _) => "not run: the suite process died outside any test: " + (CrashOutsideTests ?? Crash()),
                _ => "the suite process died during this test: " + Crash(),
            };
        }

        private static string Seconds(TimeSpan limit) => limit.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

        private string Crash()
        {
            var reason = ExitCode == 0
                ? "it exited with code 0 (did the code call Environment.Exit?)"
                : string.Create(CultureInfo.InvariantCulture, $"exit code {ExitCode}");
            List<string> shown;
            lock (gate)
            {
                shown = standardError.Take(StandardErrorLinesShown).ToList();
            }

            var overflow = shown.Any(line => line.Contains("Stack overflow", StringComparison.OrdinalIgnoreCase));
            var details = shown.Count == 0 ? string.Empty : "\n" + string.Join("\n", shown);
            return (overflow ? "Stack overflow; " : string.Empty) + reason + details;
        }
    }
}
