using DistSys.Testing;

namespace DistSys.Runtime.Tests;

/// <summary>A message as tests send it: a record, so its trace description is deterministic.</summary>
internal sealed record Ping(int Number);

/// <summary>A message that declares its own size.</summary>
internal sealed record Blob(int Length) : ISizedMessage
{
    public int SizeBytes => Length;
}

/// <summary>A message received by a <see cref="ScriptedNode"/>, with the virtual time it arrived.</summary>
internal sealed record Received(NodeId From, object Message, TimeSpan At);

/// <summary>
/// A node whose behaviour the test supplies as delegates; it records what it receives. Its fields are volatile state,
/// lost on a crash like any node's.
/// </summary>
internal sealed class ScriptedNode(
    INodeContext context,
    Action<ScriptedNode>? onStart = null,
    Action<ScriptedNode, NodeId, object>? onMessage = null) : INode
{
    public INodeContext Context { get; } = context;
    public List<Received> Inbox { get; } = [];
    public int Starts { get; private set; }
    public int VolatileCounter { get; set; }

    public void OnStart()
    {
        Starts++;
        onStart?.Invoke(this);
    }

    public void OnMessage(NodeId from, object message)
    {
        Inbox.Add(new Received(from, message, Context.Now));
        onMessage?.Invoke(this, from, message);
    }
}

/// <summary>Shared set-up: seeds reported through the replay command, and clusters of scripted nodes.</summary>
internal static class Scenario
{
    /// <summary>The seed a test runs with: its own fixed one, or DISTSYS_SEED when a failure is being replayed.</summary>
    public static int Seed(int fixedSeed) => Seeds.ReplaySeed() ?? fixedSeed;

    /// <summary>Options whose replay command reruns the current test with <paramref name="seed"/>.</summary>
    public static SimulationOptions Options(int seed, LinkProfile? network = null, bool recordTrace = true) => new()
    {
        Network = network ?? LinkProfile.Reliable,
        RecordTrace = recordTrace,
        ReplayCommand = Replay.Command(seed),
    };

    public static NodeId[] AddNodes(
        Simulation simulation,
        int count,
        Action<ScriptedNode>? onStart = null,
        Action<ScriptedNode, NodeId, object>? onMessage = null)
    {
        var ids = new NodeId[count];
        for (int i = 0; i < count; i++)
        {
            ids[i] = simulation.AddNode($"n{i + 1}", context => new ScriptedNode(context, onStart, onMessage));
        }

        return ids;
    }

    /// <summary>The trace, for assertion messages: what happened, and how to replay it.</summary>
    public static string Evidence(Simulation simulation) =>
        $"\n{simulation.ReplayHint}\nLast trace events:\n{simulation.Trace.Tail(15)}";
}
