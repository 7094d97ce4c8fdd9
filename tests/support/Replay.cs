using System.Reflection;
using DistSys.Runtime;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace DistSys.Testing;

/// <summary>
/// Runs a seeded scenario so that any failure says which seed failed and how to replay exactly that run.
/// </summary>
public static class Replay
{
    /// <summary>
    /// Runs <paramref name="scenario"/>; if it fails, fails the test with the original message followed by the seed
    /// and the command that replays it.
    /// </summary>
    public static void Run(int seed, Action scenario) => Run(seed, scenario, evidence: null);

    /// <summary>
    /// Runs <paramref name="scenario"/> on a new <see cref="Simulation"/> seeded with <paramref name="seed"/>, whose
    /// failure messages (and this test's) carry the seed and the replay command. When the scenario fails, the run's
    /// timeline page is written (see <see cref="Timelines"/>) and the message ends with <c>timeline: PATH</c>.
    /// </summary>
    public static void Simulate(int seed, Action<Simulation> scenario, SimulationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var withReplay = (options ?? new SimulationOptions()) with { ReplayCommand = Command(seed) };
        Simulation? simulation = null;
        Run(
            seed,
            () =>
            {
                simulation = new Simulation(seed, withReplay);
                scenario(simulation);
            },
            failure => simulation is null ? null : Timelines.LineFor(simulation, failure));
    }

    /// <param name="evidence">Given the failure text, returns a line to add to the message (the timeline's path), or null.</param>
    private static void Run(int seed, Action scenario, Func<string, string?>? evidence)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        try
        {
            // Isolated, as Assert.Throws does: the scenario's own failure is reported once, with the seed added, below.
            using (new TestExecutionContext.IsolatedContext())
            {
                scenario();
            }
        }
        catch (Exception failure) when (failure is not ResultStateException || failure is AssertionException)
        {
            var what = failure is AssertionException ? failure.Message.TrimEnd() : $"{failure.GetType().Name}: {failure.Message}";
            var extra = evidence?.Invoke($"{what}{Environment.NewLine}{Describe(seed)}");
            var tail = extra is null ? $"{Environment.NewLine}{Describe(seed)}" : $"{Environment.NewLine}{Describe(seed)}{Environment.NewLine}{extra}";
            Assert.Fail(FitForGrader(what, tail) + tail);
        }
    }

    /// <summary>
    /// The grader keeps only the first <see cref="Hosting.HostProtocol.MessageLimit"/> characters of a failure message;
    /// under it, a long failure (a trace tail) is cut in the middle so that the seed, the replay command and the
    /// timeline path at the end survive. Outside the grader the message is whole.
    /// </summary>
    private static string FitForGrader(string what, string tail)
    {
        const int marker = 80;
        int budget = Hosting.HostProtocol.MessageLimit - tail.Length - marker;
        if (Environment.GetEnvironmentVariable(Hosting.HostProtocol.TargetVariable) is null || what.Length <= budget || budget <= 0)
        {
            return what;
        }

        return $"{what[..budget]}…[{what.Length - budget} more characters left out; the timeline shows every event]";
    }

    /// <summary>"Seed 42. Replay: …" for the current test, to append to a failure message.</summary>
    public static string Describe(int seed) => $"Seed {seed}. Replay: {Command(seed)}";

    /// <summary>The shell command that reruns the current test with only <paramref name="seed"/>.</summary>
    public static string Command(int seed)
    {
        var test = TestContext.CurrentContext.Test;
        var suite = test.MethodInfo?.DeclaringType?.Assembly;
        var project = Metadata(suite, "DistSys.SuiteProject") ?? "tests";
        var target = Metadata(suite, "DistSys.Target");
        var targetSwitch = target == "exercises" ? " -p:DistSysTarget=exercises" : string.Empty;
        var filter = $"{test.ClassName}.{test.MethodName}";
        return $"{Seeds.Variable}={seed} dotnet test {project}{targetSwitch} --filter \"FullyQualifiedName~{filter}\"";
    }

    private static string? Metadata(Assembly? assembly, string key) =>
        assembly?.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value;
}
