using DistSys.Runtime;

namespace DistSys.CostVisualizer;

/// <summary>
/// The thresholds and prices an analysis uses. Every share is a fraction of <em>all messages sent</em> in the trace,
/// between 0 and 1. <see cref="TrafficAnalyzer"/> rejects invalid values.
/// </summary>
public sealed record AnalysisOptions
{
    /// <summary>A node is a hot spot when it sends more than this share of all messages (default 0.4).</summary>
    public double HotNodeShare { get; init; } = 0.4;

    /// <summary>A link (one direction) is a hot spot when it carries more than this share of all messages (default 0.2).</summary>
    public double HotLinkShare { get; init; } = 0.2;

    /// <summary>Heartbeats dominate when heartbeat messages are more than this share of all messages (default 0.5).</summary>
    public double HeartbeatShare { get; init; } = 0.5;

    /// <summary>A link is lossy when more than this share of the messages sent on it are retransmissions (default 0.2)…</summary>
    public double RetransmissionShare { get; init; } = 0.2;

    /// <summary>…and it carried at least this many retransmissions (default 3), so that one resend is not a pattern.</summary>
    public int MinRetransmissions { get; init; } = 3;

    /// <summary>The bandwidth price in US dollars per GB (1 GB = 1024³ bytes), as in <c>coordination-costs</c> (default 0.02).</summary>
    public double PricePerGb { get; init; } = Pricing.DefaultPricePerGb;
}

/// <summary>What one node sent and received.</summary>
/// <param name="Node">The node.</param>
/// <param name="MessagesSent">Send events from this node.</param>
/// <param name="MessagesReceived">Deliver events to this node.</param>
/// <param name="MessagesDropped">Drop events of messages this node sent.</param>
/// <param name="BytesSent">Bytes of the messages this node sent.</param>
/// <param name="BytesReceived">Bytes of the messages delivered to this node.</param>
public sealed record NodeTraffic(NodeId Node, long MessagesSent, long MessagesReceived, long MessagesDropped, long BytesSent, long BytesReceived);

/// <summary>What one direction of a link carried.</summary>
/// <param name="From">The sender.</param>
/// <param name="To">The receiver.</param>
/// <param name="MessagesSent">Send events on this link.</param>
/// <param name="MessagesDelivered">Deliver events on this link.</param>
/// <param name="MessagesDropped">Drop events on this link.</param>
/// <param name="MessagesDuplicated">Duplicate events on this link.</param>
/// <param name="Retransmissions">Sends whose text equals that of an earlier send on this link.</param>
/// <param name="BytesSent">Bytes sent on this link.</param>
public sealed record LinkTraffic(
    NodeId From, NodeId To, long MessagesSent, long MessagesDelivered, long MessagesDropped, long MessagesDuplicated, long Retransmissions, long BytesSent);

/// <summary>The messages of one kind (the type name that starts a message's text, such as <c>Heartbeat</c>).</summary>
/// <param name="Kind">The kind.</param>
/// <param name="Messages">Send events of this kind.</param>
/// <param name="Bytes">Bytes sent in messages of this kind.</param>
public sealed record KindTraffic(string Kind, long Messages, long Bytes);

/// <summary>The dollar cost of a run's bandwidth, and what it comes to if the system keeps running at the same rate.</summary>
/// <param name="RunUsd">Bytes sent ÷ 1024³ × price per GB.</param>
/// <param name="UsdPerHour">The run's cost scaled to one hour of (virtual) time; 0 when the run lasted no time.</param>
/// <param name="UsdPerMonth"><paramref name="UsdPerHour"/> × <see cref="Pricing.HoursPerMonth"/>.</param>
public sealed record RunCost(double RunUsd, double UsdPerHour, double UsdPerMonth);

/// <summary>Everything an analysis found. Lists are in the documented order, so two analyses print the same text exactly when they agree.</summary>
/// <param name="Options">The options it was made with.</param>
/// <param name="Events">How many trace events it has seen.</param>
/// <param name="Duration">The time of the latest event seen (virtual time since the run began); zero for no events.</param>
/// <param name="MessagesSent">Send events.</param>
/// <param name="MessagesDelivered">Deliver events.</param>
/// <param name="MessagesDropped">Drop events.</param>
/// <param name="MessagesDuplicated">Duplicate events.</param>
/// <param name="BytesSent">Bytes of all sends.</param>
/// <param name="Nodes">Every node named as sender or receiver of any event, in <see cref="NodeId"/> order.</param>
/// <param name="Links">Every link with at least one send, by sender then receiver (<see cref="NodeId"/> order).</param>
/// <param name="Kinds">Every message kind sent, most messages first, ties in ordinal order of the kind.</param>
/// <param name="HotNodes">Nodes sending more than <see cref="AnalysisOptions.HotNodeShare"/> of all messages, in <see cref="NodeId"/> order.</param>
/// <param name="HotLinks">Links carrying more than <see cref="AnalysisOptions.HotLinkShare"/> of all messages, in the order of <paramref name="Links"/>.</param>
/// <param name="Cost">The bandwidth cost.</param>
public sealed record TrafficAnalysis(
    AnalysisOptions Options,
    long Events,
    TimeSpan Duration,
    long MessagesSent,
    long MessagesDelivered,
    long MessagesDropped,
    long MessagesDuplicated,
    long BytesSent,
    IReadOnlyList<NodeTraffic> Nodes,
    IReadOnlyList<LinkTraffic> Links,
    IReadOnlyList<KindTraffic> Kinds,
    IReadOnlyList<NodeId> HotNodes,
    IReadOnlyList<LinkTraffic> HotLinks,
    RunCost Cost);

/// <summary>The rules <see cref="Advisor"/> applies.</summary>
public enum SuggestionRule
{
    /// <summary>One node sends more than <see cref="AnalysisOptions.HotNodeShare"/> of all messages in a cluster of three or more: batch its messages, or shard so that several nodes lead.</summary>
    LeaderBottleneck,

    /// <summary>Heartbeats are more than <see cref="AnalysisOptions.HeartbeatShare"/> of all messages: lengthen the interval or piggyback them.</summary>
    HeartbeatsDominate,

    /// <summary>A link's retransmissions pass <see cref="AnalysisOptions.RetransmissionShare"/> and <see cref="AnalysisOptions.MinRetransmissions"/>: the link is lossy.</summary>
    LossyLink,
}

/// <summary>One suggestion: which rule fired, for what, and the share that made it fire.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Subject">The node's name (<c>n1</c>), the link (<c>n1 -> n2</c>), or <c>all</c> for a rule about the whole run.</param>
/// <param name="Share">The measured share that passed the rule's threshold (of all messages; for a lossy link, of the link's sends).</param>
public sealed record Suggestion(SuggestionRule Rule, string Subject, double Share)
{
    /// <summary>The rule's name as the report and page show it: <c>leader-bottleneck</c>, <c>heartbeats-dominate</c>, <c>lossy-link</c>.</summary>
    public string RuleName => Rule switch
    {
        SuggestionRule.LeaderBottleneck => "leader-bottleneck",
        SuggestionRule.HeartbeatsDominate => "heartbeats-dominate",
        SuggestionRule.LossyLink => "lossy-link",
        _ => Rule.ToString(),
    };

    /// <summary>The advice in one sentence, for the report and the page.</summary>
    public string Text => Rule switch
    {
        SuggestionRule.LeaderBottleneck =>
            $"{Subject} sends {Pricing.Percent(Share)} of all messages: a leader bottleneck. Batch its messages, or shard the data so that several nodes lead.",
        SuggestionRule.HeartbeatsDominate =>
            $"Heartbeats are {Pricing.Percent(Share)} of all messages: lengthen the heartbeat interval, or piggyback heartbeats on other traffic.",
        SuggestionRule.LossyLink =>
            $"{Subject}: {Pricing.Percent(Share)} of its messages are retransmissions: the link is lossy. Check it, route around it, or back off retries.",
        _ => Rule.ToString(),
    };
}
