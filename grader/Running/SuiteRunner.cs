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
/// <param name="MaxCrashReruns">Lone runs of single tests, per suite, to find whose code caused a crash that did not name its test.</param>
/// <param name="Slot">Tells apart the suites one grader runs at once (their sandbox users differ).</param>
internal sealed record SuiteRunSettings(
    TimeSpan TestTimeout,
    IReadOnlyDictionary<string, string?> Environment,
    IReadOnlyList<string>? ExpectedTests = null,
    int MaxRestarts = 10,
    int MaxCrashReruns = 12,
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
    private const int MaxCrashesKept = 10;
    private static readonly TimeSpan WatchInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>After `completed`, how long the grader still listens for a crash before the process has exited.</summary>
    private static readonly TimeSpan CrashAfterCompletion = TimeSpan.FromSeconds(1);

    public async Task<SuiteOutcome> RunAsync(string suiteAssembly)
    {
        var clock = Stopwatch.StartNew();
        var results = new Dictionary<string, TestResult>(StringComparer.Ordinal);
        IReadOnlyList<string>? listed = null;
        string? listingProblem = null;
        var crashes = new CrashInvestigation(this, settings, suiteAssembly);
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

            foreach (var crash in attempt.Crashes.Where(crash => crash.Origin is not null))
            {
                // The test whose code threw, even if it had passed; the test running at the time has no verdict yet
                // and runs again in the next attempt.
                results[crash.Origin!] = TestResult.Failed(crash.Origin!, crash.Message);
            }

            var unattributed = attempt.Crashes.FirstOrDefault(crash => crash.Origin is null);
            if (unattributed is not null || (attempt.Crashes.Count == 0 && attempt.End == AttemptEnd.Exited && attempt.Started.Count > 0))
            {
                // Nobody knows whose code crashed (a thread started without the test's context, or a death the runtime
                // does not report as an exception, like a stack overflow): run the suspects alone until one crashes again.
                // Tests already blamed for a crash of their own are no suspects: their lone run would crash for that.
                var blamed = attempt.Crashes.Select(crash => crash.Origin).OfType<string>().ToHashSet(StringComparer.Ordinal);
                var suspects = attempt.Started.Where(name => name != attempt.RunningTest && !blamed.Contains(name)).Reverse().ToList();
                var findings = await crashes.InvestigateAsync(listed, blamed.Contains(attempt.RunningTest ?? string.Empty) ? null : attempt.RunningTest, suspects, unattributed)
                    .ConfigureAwait(false);
                foreach (var result in findings.Results)
                {
                    results[result.Name] = result;
                }

                // A death outside any test that no test explains is most likely the next fixture's set-up: its first test
                // fails, as before, so that each restart makes progress.
                if (!findings.Found
                    && !(unattributed is null && (findings.Exhausted || attempt.RunningTest is null) && BlameWhereItDied(attempt, listed, results)))
                {
                    crashes.NoteUnexplained(findings.Tried, unattributed?.Message ?? attempt.CrashReason(settings));
                }
            }
            else if (attempt.Crashes.Count == 0 && attempt.End != AttemptEnd.Completed)
            {
                BlameWhereItDied(attempt, listed, results);
            }

            if (attempt.End == AttemptEnd.Completed || listed.All(results.ContainsKey))
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
        return new SuiteOutcome(tests, null, restarts, clock.Elapsed) { ListingProblem = listingProblem, SuiteProblem = crashes.Unexplained };
    }

    /// <summary>
    /// A hang, the memory limit, or a death in a fixture between tests: the running test (else the next one to run) fails
    /// with the reason. False when that test already has a verdict.
    /// </summary>
    private bool BlameWhereItDied(Attempt attempt, IReadOnlyList<string> listed, Dictionary<string, TestResult> results)
    {
        var culprit = attempt.RunningTest ?? listed.FirstOrDefault(name => !results.ContainsKey(name));
        if (culprit is null || results.ContainsKey(culprit))
        {
            return false;
        }

        // A test stopped while running reports how long it ran until the kill (wall-clock time, load included).
        long? ranFor = culprit == attempt.RunningTest ? (long)Stopwatch.GetElapsedTime(attempt.TestStartedAt).TotalMilliseconds : null;
        results[culprit] = TestResult.Failed(culprit, attempt.Describe(settings)) with { DurationMs = ranFor };
        return true;
    }

    /// <summary>What an investigation learnt: the culprit's failure if <see cref="Found"/>, and the running test's own verdict from its lone run.</summary>
    /// <param name="Tried">How many tests were run alone.</param>
    /// <param name="Exhausted">The suite's budget of lone runs ran out before every suspect was tried.</param>
    private sealed record CrashFindings(IReadOnlyList<TestResult> Results, bool Found, int Tried, bool Exhausted);

    /// <summary>
    /// Finds which test's code crashed a suite when the crash itself did not say: each suspect runs alone in a fresh
    /// process (with the host's wait after its test), the test that was running first, then the others from the most
    /// recent. The suite has a budget of such runs, so that code that crashes at random cannot make grading slow.
    /// </summary>
    private sealed class CrashInvestigation(SuiteRunner runner, SuiteRunSettings settings, string suiteAssembly)
    {
        private readonly List<string> unexplained = [];
        private int runsLeft = settings.MaxCrashReruns;

        /// <summary>The suite's crashes that no test reproduced, for the exercise's message; null when there were none.</summary>
        public string? Unexplained => unexplained.Count == 0 ? null : string.Join("\n", unexplained);

        public void NoteUnexplained(int tried, string reason) =>
            unexplained.Add(string.Create(CultureInfo.InvariantCulture,
                $"the suite process crashed and none of the {tried} tests run alone again crashed it, so no test is failed for it: {reason}"));

        /// <param name="crash">The crash to reproduce; null for a death that raised no exception (any death of the lone run then counts).</param>
        public async Task<CrashFindings> InvestigateAsync(IReadOnlyList<string> listed, string? running, IReadOnlyList<string> others, ReportedCrash? crash)
        {
            var learnt = new List<TestResult>();
            var suspects = running is null ? others : [running, .. others];
            var tried = 0;
            foreach (var suspect in suspects)
            {
                if (runsLeft == 0)
                {
                    return new CrashFindings(learnt, Found: false, tried, Exhausted: true);
                }

                runsLeft--;
                tried++;
                var alone = new Dictionary<string, TestResult>(StringComparer.Ordinal);
                var attempt = await runner.RunOnceAsync(suiteAssembly, [.. listed.Where(name => name != suspect)], alone).ConfigureAwait(false);
                var again = crash is null
                    ? attempt.Crashes.Count > 0 || attempt.End == AttemptEnd.Exited
                    : attempt.Crashes.Any(other => other.ExceptionType == crash.ExceptionType);
                if (again)
                {
                    var message = suspect != running
                        ? attempt.CrashReason(settings) + "\n(it crashed the suite later, during another test or after the last; run alone, this test crashed it again)"
                        : attempt.Crashes.FirstOrDefault()?.Message ?? attempt.Describe(settings);
                    learnt.Add(TestResult.Failed(suspect, message));
                    return new CrashFindings(learnt, Found: true, tried, Exhausted: false);
                }

                if (suspect == running)
                {
                    // Its lone run is as good as a run in the next attempt: keep its verdict, or why it stopped.
                    learnt.Add(alone.GetValueOrDefault(suspect) ?? TestResult.Failed(suspect, attempt.Describe(settings)));
                }
            }

            return new CrashFindings(learnt, Found: false, tried, Exhausted: false);
        }
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
        var completed = false;
        while (true)
        {
            // After `completed` the process is about to exit; a thread that crashes in that moment is still heard.
            var limit = completed ? CrashAfterCompletion : settings.LimitWhile(attempt.Listed is not null, attempt.RunningTest is not null) * SuiteRunSettings.StarvedFactor;
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
            catch (OperationCanceledException) when (completed)
            {
                return;
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
                attempt.End = completed ? AttemptEnd.Completed : attempt.Stop ?? AttemptEnd.Exited;
                return;
            }

            var hostEvent = HostProtocol.ParseEvent(token, line);
            if (hostEvent is null || (completed && hostEvent.Event != HostProtocol.Crashed))
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
                    attempt.Started.Add(name);
                    attempt.TestProcessorTimeAtStart = ProcessorTime(suite);
                    attempt.TestStartedAt = Stopwatch.GetTimestamp();
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
                case HostProtocol.Crashed when attempt.Listed is not null && attempt.Crashes.Count < MaxCrashesKept:
                    // The host names the test whose code threw when it knows it; only a test this process ran can be it.
                    // Two threads may crash at once: each is reported.
                    attempt.Crashes.Add(new ReportedCrash(
                        hostEvent.Test is { } origin && attempt.Started.Contains(origin) ? origin : null,
                        hostEvent.Message ?? "an unhandled exception on a background thread"));
                    break;
                case HostProtocol.Completed when attempt.Listed is not null:
                    attempt.End = AttemptEnd.Completed;
                    completed = true;
                    deadline.Restart();
                    break;
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

    /// <param name="Origin">The test whose code threw, when the host knew it.</param>
    private sealed record ReportedCrash(string? Origin, string Message)
    {
        private const string Lead = "background thread: ";

        /// <summary>The exception's type as the host wrote it ("System.InvalidOperationException"): what a lone run must throw again to explain this crash.</summary>
        public string ExceptionType
        {
            get
            {
                var start = Message.IndexOf(Lead, StringComparison.Ordinal);
                var text = start < 0 ? Message : Message[(start + Lead.Length)..];
                var end = text.IndexOfAny([':', '\n']);
                return end < 0 ? text : text[..end];
            }
        }
    }

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

        /// <summary>When the running test started (a <see cref="Stopwatch"/> timestamp).</summary>
        public long TestStartedAt { get; set; }

        /// <summary>Time in the current phase (start-up, a test, between tests), not counting waits for a core.</summary>
        public StarvationClock? Deadline { get; set; }

        public AttemptEnd End { get; set; }

        /// <summary>The tests this process started, in order.</summary>
        public List<string> Started { get; } = [];

        /// <summary>The unhandled exceptions the host reported before the process died (usually one).</summary>
        public List<ReportedCrash> Crashes { get; } = [];

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
                (_, null, _) => "not run: the suite process died outside any test: " + Crash(),
                _ => "the suite process died during this test: " + Crash(),
            };
        }

        /// <summary>How the process died: the reported exception with its stack, else the exit code and stderr.</summary>
        public string CrashReason(SuiteRunSettings settings) => Crashes.FirstOrDefault()?.Message ?? (End == AttemptEnd.Exited ? Crash() : Describe(settings));

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
