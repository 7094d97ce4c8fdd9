using System.Diagnostics;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using DistSys.Runtime;
using NUnit;
using NUnit.Framework.Api;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace DistSys.Testing.Hosting;

/// <summary>The grader's side of an exercise suite: runs the suite's tests in this process and reports each result.</summary>
/// <remarks>
/// The grader, not this host, enforces time limits: a test stuck in a loop cannot be aborted on .NET, so the grader
/// kills the whole process and starts it again, skipping the tests that already have a result. See HostProtocol.cs.
/// </remarks>
public static class SuiteHost
{
    // Fixed so that NUnit's TestContext.CurrentContext.Random gives the same values on every run.
    private const int NUnitRandomSeed = 20_240_601;

    /// <summary>
    /// After the last test the host sleeps this many short steps before it reports the run complete, so that a thread
    /// the test started can still crash. Short steps rather than one long sleep: on a loaded machine every wake-up comes
    /// late, the crashing thread's as much as the host's, so the wait stretches with the load (0.5 s on a quiet machine).
    /// </summary>
    private const int LateCrashSteps = 20;

    private static readonly TimeSpan LateCrashStep = TimeSpan.FromMilliseconds(25);

    /// <summary>How long a crashing thread holds the process after reporting, so that a second thread crashing at the same moment is reported too.</summary>
    private static readonly TimeSpan CrashLinger = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a test that would start in a dying process waits for the end (the process normally ends first).</summary>
    private static readonly TimeSpan DyingWait = TimeSpan.FromSeconds(10);

    /// <summary>Entry point of every exercise suite executable.</summary>
    public static int Run(Assembly suite, string[] args)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(args);
        if (args.Contains(BenchmarkProtocol.Argument, StringComparer.Ordinal))
        {
            return BenchmarkHost.Run(suite, args);
        }

        if (args.Contains(HostProtocol.ListArgument, StringComparer.Ordinal))
        {
            return List(suite);
        }

        if (!args.Contains(HostProtocol.HostArgument, StringComparer.Ordinal))
        {
            Console.Error.WriteLine("This suite is run by the grader: dotnet run --project grader -- --exercise <slug>");
            return 2;
        }

        var request = HostProtocol.ParseRequest(Console.In.ReadLine());
        Console.SetIn(TextReader.Null);
        if (request is null)
        {
            Console.Error.WriteLine("The grader's request line on stdin is missing or malformed.");
            return 2;
        }

        // Connected before any test runs, so before any student code can: the grader accepts this one connection only.
        using var protocolStream = OpenChannel(request);
        using var protocolWriter = new StreamWriter(protocolStream, new UTF8Encoding(false)) { AutoFlush = false };
        var channel = new ProtocolChannel(protocolWriter, request.Token);
        var capture = new BoundedCapture(HostProtocol.OutputLimit);
        Console.SetOut(capture);
        Console.SetError(capture);

        var runner = new NUnitTestAssemblyRunner(new DefaultTestAssemblyBuilder());
        var root = runner.Load(suite, Settings());
        var names = TestNames.Assign(root);
        channel.Send(new HostEvent(HostProtocol.Listed, Tests: [.. names.Values]));

        // A thread, pool work item, timer or continuation that a test's code started and that throws later takes the
        // process down. Report the exception with its stack before that happens, naming the test whose code threw it.
        AppDomain.CurrentDomain.UnhandledException += (_, crash) =>
        {
            CrashOrigin.NoteDying();
            var exception = crash.ExceptionObject as Exception;
            channel.Send(new HostEvent(HostProtocol.Crashed, Test: exception is null ? null : CrashOrigin.Of(exception),
                Message: HostProtocol.Truncate("an unhandled exception on a background thread: " + crash.ExceptionObject, HostProtocol.MessageLimit)));
            Thread.Sleep(CrashLinger);
        };

        var skipped = request.Skip.ToHashSet(StringComparer.Ordinal);
        var selected = names.Where(pair => !skipped.Contains(pair.Value)).Select(pair => pair.Key).ToHashSet();
        if (selected.Count > 0)
        {
            var listener = new ProtocolListener(channel, capture, names, GradedAssemblies(suite));
            AppDomain.CurrentDomain.FirstChanceException += (_, thrown) =>
            {
                CrashOrigin.NoteThrow(thrown.Exception);
                listener.NoteException(thrown.Exception);
            };
            runner.Run(listener, new SelectedTestsFilter(selected));

            // A thread started by the last test may still be about to throw; give it a moment so its crash counts.
            for (var step = 0; step < LateCrashSteps; step++)
            {
                Thread.Sleep(LateCrashStep);
            }
        }

        channel.Send(new HostEvent(HostProtocol.Completed));
        return 0;
    }

    /// <summary>Prints the suite's test names (see <see cref="HostProtocol.ListArgument"/>) without running any test.</summary>
    private static int List(Assembly suite)
    {
        var runner = new NUnitTestAssemblyRunner(new DefaultTestAssemblyBuilder());
        var names = TestNames.Assign(runner.Load(suite, Settings()));
        Console.Out.WriteLine(HostProtocol.FormatList([.. names.Values]));
        Console.Out.Flush();
        return 0;
    }

    /// <summary>The graded code's assemblies: what the suite references of the kit, except the runtime and this support library.</summary>
    private static HashSet<string> GradedAssemblies(Assembly suite) =>
        suite.GetReferencedAssemblies()
            .Select(reference => reference.Name ?? string.Empty)
            .Where(name => name.StartsWith("DistSys.", StringComparison.Ordinal) && name is not "DistSys.Testing" and not "DistSys.Runtime")
            .ToHashSet(StringComparer.Ordinal);

    private static Stream OpenChannel(HostRequest request)
    {
        if (request.Channel is null)
        {
            return Console.OpenStandardOutput();
        }

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Connect(new UnixDomainSocketEndPoint(request.Channel));
        return new NetworkStream(socket, ownsSocket: true);
    }

    private static Dictionary<string, object> Settings() =>
        new()
        {
            // One test at a time, events delivered on the test's own thread: the grader's timer then always
            // knows which test is running, and the capture belongs to exactly that test.
            [FrameworkPackageSettings.NumberOfTestWorkers] = 0,
            [FrameworkPackageSettings.SynchronousEvents] = true,
            [FrameworkPackageSettings.RandomSeed] = NUnitRandomSeed,
            [FrameworkPackageSettings.WorkDirectory] = AppContext.BaseDirectory,
        };

    /// <summary>Writes protocol lines to the process's real stdout, one flushed line at a time.</summary>
    private sealed class ProtocolChannel(StreamWriter writer, string token)
    {
        private readonly Lock gate = new();

        public void Send(HostEvent hostEvent)
        {
            var line = HostProtocol.FormatEvent(token, hostEvent);
            lock (gate)
            {
                // A leading newline ends any partial line student code wrote straight to the stdout stream.
                writer.Write('\n');
                writer.Write(line);
                writer.Write('\n');
                writer.Flush();
            }
        }
    }

    /// <summary>Gives every runnable test case a unique, stable name (its NUnit full name), keyed by test id.</summary>
    private static class TestNames
    {
        public static IReadOnlyDictionary<string, string> Assign(ITest root)
        {
            var names = new Dictionary<string, string>();
            var used = new HashSet<string>(StringComparer.Ordinal);
            foreach (var test in RunnableCases(root))
            {
                var name = test.FullName;
                for (var copy = 2; !used.Add(name); copy++)
                {
                    name = FormattableString.Invariant($"{test.FullName} #{copy}");
                }

                names.Add(test.Id, name);
            }

            return names;
        }

        // Explicit and ignored tests are not part of the grade; tests NUnit cannot run are, so they show up as failures.
        private static IEnumerable<ITest> RunnableCases(ITest test)
        {
            if (test.RunState is RunState.Explicit or RunState.Ignored or RunState.Skipped)
            {
                yield break;
            }

            if (!test.IsSuite)
            {
                yield return test;
                yield break;
            }

            foreach (var child in test.Tests)
            {
                foreach (var testCase in RunnableCases(child))
                {
                    yield return testCase;
                }
            }
        }
    }

    private sealed class SelectedTestsFilter(HashSet<string> selectedIds) : TestFilter
    {
        public override bool Match(ITest test) => !test.IsSuite && selectedIds.Contains(test.Id);

        public override TNode AddToXml(TNode parentNode, bool recursive) => parentNode.AddElement("distsys-selection");
    }

    private sealed class ProtocolListener(
        ProtocolChannel channel,
        BoundedCapture capture,
        IReadOnlyDictionary<string, string> names,
        HashSet<string> gradedAssemblies) : ITestListener
    {
        private readonly Stopwatch clock = new();
        private ITest? runningTest;
        private SimulationTally? tally;
        private volatile bool passForged;

        /// <summary>
        /// NUnit passes a test on a SuccessException wherever it is thrown. The graded code cannot name NUnit, but it can
        /// make one by reflection: a SuccessException with graded code on the stack that throws it never passes a test.
        /// </summary>
        public void NoteException(Exception exception)
        {
            if (exception is NUnit.Framework.SuccessException && runningTest is not null
                && new StackTrace().GetFrames().Any(frame => frame.GetMethod()?.DeclaringType?.Assembly.GetName().Name is { } name && gradedAssemblies.Contains(name)))
            {
                passForged = true;
            }
        }

        public void TestStarted(ITest test)
        {
            // NUnit installs its own unbounded console capture when the run starts; put ours back on top of it.
            if (!ReferenceEquals(Console.Out, capture))
            {
                Console.SetOut(capture);
                Console.SetError(capture);
            }

            if (test.IsSuite || !names.TryGetValue(test.Id, out var name))
            {
                return;
            }

            if (CrashOrigin.Dying)
            {
                // The crash handler is reporting and the process ends within moments: this test runs after the restart.
                Thread.Sleep(DyingWait);
            }

            capture.TakeText();
            clock.Restart();
            passForged = false;
            runningTest = test;
            CrashOrigin.Enter(name);
            tally = SimulationTally.Open();
            channel.Send(new HostEvent(HostProtocol.Started, Test: name));
        }

        public void TestFinished(ITestResult result)
        {
            if (result.Test.IsSuite || !names.TryGetValue(result.Test.Id, out var name))
            {
                return;
            }

            if (!ReferenceEquals(runningTest, result.Test))
            {
                // NUnit finishes the tests of a fixture whose one-time set-up failed without starting them.
                capture.TakeText();
                clock.Restart();
                channel.Send(new HostEvent(HostProtocol.Started, Test: name));
            }

            runningTest = null;
            CrashOrigin.Leave();
            var simulations = tally?.Close();
            tally = null;
            if (!string.IsNullOrEmpty(result.Output))
            {
                // Text written through TestContext.Out bypasses the console; keep it, within the same limit.
                capture.Write(result.Output);
            }

            var output = capture.TakeText();
            var forged = passForged && result.ResultState.Status == TestStatus.Passed;
            passForged = false;
            channel.Send(new HostEvent(
                HostProtocol.Finished,
                Test: name,
                Status: forged ? HostProtocol.Failed : StatusOf(result.ResultState),
                Message: forged ? "passed by an NUnit SuccessException thrown from the exercise's code: only the kit's tests decide a pass" : MessageOf(result),
                DurationMs: clock.ElapsedMilliseconds,
                Output: output.Length == 0 ? null : output)
            {
                Simulation = simulations is { Simulations: > 0 } totals
                    ? new HostSimulationTotals(totals.Simulations, totals.MessagesSent, totals.MessagesDelivered, totals.MessagesDropped, totals.BytesSent, totals.Operations)
                    : null,
            });
        }

        public void TestOutput(TestOutput output) => capture.Write(output.Text);

        public void SendMessage(TestMessage message)
        {
        }

        private static string StatusOf(ResultState state) => state.Status switch
        {
            TestStatus.Passed => HostProtocol.Passed,
            TestStatus.Skipped or TestStatus.Inconclusive => HostProtocol.Skipped,
            _ => HostProtocol.Failed,
        };

        private static string? MessageOf(ITestResult result)
        {
            var message = result.Message?.Trim();
            if (string.IsNullOrEmpty(message))
            {
                return result.ResultState.Status == TestStatus.Passed ? null : result.ResultState.Label;
            }

            return HostProtocol.Truncate(message, HostProtocol.MessageLimit);
        }
    }
}
