using DistSys.Runtime;

namespace DistSys.BasicPaxos;

/// <summary>Phase 1a, proposer to every acceptor: "promise to ignore ballots below <paramref name="Ballot"/>".</summary>
/// <param name="Ballot">The proposer's new ballot.</param>
public sealed record Prepare(Ballot Ballot);

/// <summary>
/// Phase 1b, acceptor to the proposer of <paramref name="Ballot"/>: "I promise; here is the last value I accepted, if
/// any". The proposer must then propose the value of the highest <paramref name="AcceptedBallot"/> among a majority
/// of promises, and may use its own value only if none of them accepted anything.
/// </summary>
/// <param name="Ballot">The ballot being promised.</param>
/// <param name="AcceptedBallot">The ballot of the value this acceptor accepted last, or null.</param>
/// <param name="AcceptedValue">That value, or null.</param>
public sealed record Promise(Ballot Ballot, Ballot? AcceptedBallot, string? AcceptedValue);

/// <summary>Phase 2a, proposer to every acceptor: "accept <paramref name="Value"/> in <paramref name="Ballot"/>".</summary>
/// <param name="Ballot">The proposer's ballot, for which it holds promises from a majority.</param>
/// <param name="Value">The value it proposes: the one from the promises, or its own.</param>
public sealed record Accept(Ballot Ballot, string Value);

/// <summary>Phase 2b, acceptor to every node (every node is a learner): "I accepted <paramref name="Value"/> in
/// <paramref name="Ballot"/>". A value is chosen once a majority of acceptors accepted it in the same ballot.</summary>
/// <param name="Ballot">The accepted ballot.</param>
/// <param name="Value">The accepted value.</param>
public sealed record Accepted(Ballot Ballot, string Value);

/// <summary>
/// An acceptor's refusal of a <see cref="Prepare"/> or <see cref="Accept"/> for <paramref name="Ballot"/>, sent to its
/// proposer because it has promised the higher <paramref name="Promised"/>. The proposer gives up that ballot and,
/// after a back-off, tries again with a round above <paramref name="Promised"/>.
/// </summary>
/// <param name="Ballot">The refused ballot.</param>
/// <param name="Promised">The ballot the acceptor has promised.</param>
public sealed record Rejected(Ballot Ballot, Ballot Promised);

/// <summary>A learner that knows the chosen value tells others, so that nodes that missed the
/// <see cref="Accepted"/> messages learn it too.</summary>
/// <param name="Value">The chosen value.</param>
public sealed record Decided(string Value);

/// <summary>How a <see cref="PaxosNode"/> times out and backs off. Every delay is virtual time.</summary>
public sealed record PaxosOptions
{
    private readonly TimeSpan _roundTimeout = TimeSpan.FromMilliseconds(100);
    private readonly TimeSpan _maxBackoff = TimeSpan.FromMilliseconds(400);

    /// <summary>How long a proposer waits for a majority of promises, then of acceptances, before it gives up the
    /// ballot and backs off. Default 100 ms.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive, or above one minute.</exception>
    public TimeSpan RoundTimeout
    {
        get => _roundTimeout;
        init => _roundTimeout = InRange(value, nameof(RoundTimeout));
    }

    /// <summary>The largest random back-off between two ballots of one proposer. Default 400 ms.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive, or above one minute.</exception>
    public TimeSpan MaxBackoff
    {
        get => _maxBackoff;
        init => _maxBackoff = InRange(value, nameof(MaxBackoff));
    }

    private static TimeSpan InRange(TimeSpan value, string name) =>
        value > TimeSpan.Zero && value <= TimeSpan.FromMinutes(1)
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be above zero and at most one minute.");
}

/// <summary>Prints the state of every node of a cluster, one line each, for the walkthrough and failure messages.</summary>
public static class PaxosReport
{
    /// <summary>One line per node: promised ballot, accepted ballot and value, learned value; "down" for a crashed node.</summary>
    /// <param name="simulation">The simulation.</param>
    /// <param name="nodes">The nodes to print, in order.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static string Format(Simulation simulation, IEnumerable<NodeId> nodes)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentNullException.ThrowIfNull(nodes);
        var lines = nodes.Select(id =>
        {
            if (!simulation.IsUp(id))
            {
                return $"{id,-4} down";
            }

            var node = simulation.Node<PaxosNode>(id);
            var promised = node.Promised?.ToString() ?? "-";
            var accepted = node.AcceptedBallot is { } ballot ? $"{ballot} = {node.AcceptedValue}" : "-";
            return $"{id,-4} promised {promised,-6} accepted {accepted,-16} learned {node.LearnedValue ?? "-"}".TrimEnd();
        });
        return string.Join('\n', lines) + '\n';
    }
}
