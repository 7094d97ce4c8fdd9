using System.Collections.ObjectModel;

namespace DistSys.Runtime;

/// <summary>
/// A deterministic discrete-event simulation of a distributed system: nodes, a faulty network, virtual time and
/// seeded randomness. Events run one at a time in (virtual time, scheduling order), so the same seed and the same code
/// always produce the same run — byte for byte the same <see cref="Trace"/>.
/// </summary>
/// <remarks>
/// Nothing here reads the wall clock or uses threads. Time only advances when <see cref="Step"/>, <see cref="RunFor"/>
/// or <see cref="RunUntil"/> processes events. An exception thrown by node code or a scheduled action surfaces as a
/// <see cref="SimulationException"/> whose message carries the seed, the replay command and the end of the trace.
/// </remarks>
public sealed class Simulation
{
    /// <summary>Stop a run that processes this many events without virtual time moving: some code reschedules itself with zero delay forever.</summary>
    internal const int MaxEventsAtOneInstant = 1_000_000;

    private readonly PriorityQueue<ScheduledEvent, EventKey> _queue = new();
    private readonly Dictionary<NodeId, NodeHost> _hostsById = [];
    private readonly HashSet<long> _pendingTimers = [];
    private readonly List<(string Name, Func<string?> Check)> _invariants = [];
    private readonly Random _networkRandom;
    private readonly bool _recordTrace;
    private ReadOnlyCollection<NodeId> _nodes = new([]);
    private long _nowTicks;
    private long _sequence;
    private long _lastTimerId;
    private int _eventsAtThisInstant;
    private bool _started;
    private bool _running;

    /// <summary>Creates an empty simulation.</summary>
    /// <param name="seed">The seed of every random stream: the network's, each node's and <see cref="Random"/>.</param>
    /// <param name="options">Settings; defaults to <see cref="LinkProfile.Reliable"/> with the trace on.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public Simulation(int seed, SimulationOptions? options = null)
    {
        Options = options ?? new SimulationOptions();
        ArgumentNullException.ThrowIfNull(Options.Network, "options.Network");
        Options.Network.Validate(nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(Options.DefaultMessageSizeBytes, "options.DefaultMessageSizeBytes");

        Seed = seed;
        _recordTrace = Options.RecordTrace;
        _networkRandom = new Random(StableHash.DeriveSeed(seed, "network"));
        Random = new Random(StableHash.DeriveSeed(seed, "scenario"));
        Trace = new SimulationTrace(Hosts, _recordTrace);
        Metrics = new SimulationMetrics(this);
        Network = new Network(this, Options.Network);
        TimeProvider = new VirtualTimeProvider(this, owner: null, incarnation: 0);
    }

    /// <summary>The wall-clock instant that virtual time zero stands for: 2000-01-01T00:00:00Z.</summary>
    public static DateTimeOffset Epoch { get; } = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The seed this simulation was created with.</summary>
    public int Seed { get; }

    /// <summary>The options this simulation was created with.</summary>
    public SimulationOptions Options { get; }

    /// <summary>Virtual time since the simulation began.</summary>
    public TimeSpan Now => new(_nowTicks);

    /// <summary>A scenario-level <see cref="TimeProvider"/> on virtual time (its timers are external events and never crash).</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>A random stream for the test driver (choosing faults, clients, keys), separate from the network's and the nodes' streams.</summary>
    public Random Random { get; }

    /// <summary>The network: profiles and partitions.</summary>
    public Network Network { get; }

    /// <summary>Everything that happened so far.</summary>
    public SimulationTrace Trace { get; }

    /// <summary>Message, byte and timer counters.</summary>
    public SimulationMetrics Metrics { get; }

    /// <summary>Every node, up or down, in <see cref="NodeId"/> order.</summary>
    public IReadOnlyList<NodeId> Nodes => _nodes;

    /// <summary>How to reproduce this run: <c>"seed 42"</c>, followed by <see cref="SimulationOptions.ReplayCommand"/> when set.</summary>
    public string ReplayHint => Options.ReplayCommand is { } command ? $"seed {Seed}; replay with: {command}" : $"seed {Seed}";

    internal List<NodeHost> Hosts { get; } = [];

    /// <summary>
    /// Adds a node. The factory is called now; <see cref="INode.OnStart"/> runs when the simulation starts, or right away
    /// if it already has (with <see cref="Step"/>, <see cref="RunFor"/> or <see cref="RunUntil"/>).
    /// </summary>
    /// <param name="name">A unique, non-blank name.</param>
    /// <param name="factory">Creates an instance of the node; called again by every <see cref="Restart"/>.</param>
    /// <returns>The new node's id.</returns>
    /// <exception cref="ArgumentException">The name is blank or already taken.</exception>
    public NodeId AddNode(string name, Func<INodeContext, INode> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        var id = new NodeId(name);
        if (_hostsById.ContainsKey(id))
        {
            throw new ArgumentException($"A node named '{name}' already exists in this simulation.", nameof(name));
        }

        var host = new NodeHost(id, Hosts.Count, factory, new Random(StableHash.DeriveSeed(Seed, "node:" + name)));
        Hosts.Add(host);
        _hostsById.Add(id, host);
        Network.AddNode(Hosts.Count);
        RefreshMembership();
        Instantiate(host);
        if (_started)
        {
            StartInstance(host);
        }

        return id;
    }

    /// <summary>The current instance of a node, to inspect its state or call its client API.</summary>
    /// <typeparam name="TNode">The node's type.</typeparam>
    /// <param name="id">The node.</param>
    /// <returns>The running instance.</returns>
    /// <exception cref="InvalidOperationException">The node is crashed, or is not a <typeparamref name="TNode"/>.</exception>
    public TNode Node<TNode>(NodeId id) where TNode : class, INode
    {
        NodeHost host = Host(id);
        if (!host.IsUp || host.Instance is null)
        {
            throw new InvalidOperationException(
                $"Node {id} is crashed (since {TimeText.Format(host.CrashedAt)}), so it has no instance; call Restart({id}) first or check IsUp({id}).");
        }

        return host.Instance as TNode ?? throw new InvalidOperationException(
            $"Node {id} is a {host.Instance.GetType().Name}, not a {typeof(TNode).Name}.");
    }

    /// <summary>Whether a node is running (not crashed).</summary>
    /// <param name="id">The node.</param>
    /// <returns>True unless the node is crashed.</returns>
    public bool IsUp(NodeId id) => Host(id).IsUp;

    /// <summary>
    /// Crashes a node: its instance and volatile state are gone, its pending timers never fire, and messages that arrive
    /// while it is down are dropped (traced as such). Its <see cref="INodeContext.Storage"/> is kept. Crashing a crashed node does nothing.
    /// </summary>
    /// <param name="id">The node.</param>
    public void Crash(NodeId id)
    {
        NodeHost host = Host(id);
        if (!host.IsUp)
        {
            return;
        }

        host.IsUp = false;
        host.Instance = null;
        host.Incarnation++;
        host.CrashedAt = Now;
        Record(TraceEventKind.Crash, host.Index, -1, "crash", 0, 0);
    }

    /// <summary>
    /// Restarts a node: a new instance from its factory, with the same <see cref="INodeContext.Storage"/>, then
    /// <see cref="INode.OnStart"/> (once the simulation has started). A running node is crashed first.
    /// </summary>
    /// <param name="id">The node.</param>
    public void Restart(NodeId id)
    {
        NodeHost host = Host(id);
        Crash(id);
        Record(TraceEventKind.Restart, host.Index, -1, "restart", 0, 0);
        Instantiate(host);
        if (_started)
        {
            StartInstance(host);
        }
    }

    /// <summary>Schedules an external action (a client operation, a fault) after <paramref name="delay"/> of virtual time.</summary>
    /// <param name="delay">How long from now (zero or more).</param>
    /// <param name="action">What to do; it may call any method of the simulation except the Run/Step methods.</param>
    /// <param name="label">A name for the trace.</param>
    public void Schedule(TimeSpan delay, Action action, string? label = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        Enqueue(new ScheduledEvent(ScheduledEventKind.External, -1, -1, 0, 0, action, label ?? "scheduled action"), DelayTicks(delay));
    }

    /// <summary>Injects a message into the network as if <paramref name="from"/> had sent it (whether or not it is up).</summary>
    /// <param name="from">The apparent sender.</param>
    /// <param name="to">The receiver.</param>
    /// <param name="message">The message.</param>
    public void SendFrom(NodeId from, NodeId to, object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        SendMessage(Host(from).Index, Host(to).Index, message);
    }

    /// <summary>
    /// Registers a safety property, checked after every event. A non-null result describes a violation and stops the run
    /// with an <see cref="InvariantViolationException"/>.
    /// </summary>
    /// <param name="name">The property's name, for the failure message.</param>
    /// <param name="check">Returns null when the property holds, otherwise what is wrong.</param>
    public void AddInvariant(string name, Func<string?> check)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(check);
        _invariants.Add((name, check));
    }

    /// <summary>
    /// Processes events until <paramref name="condition"/> holds (checked before the first event and after each one) or
    /// virtual time would pass <see cref="Now"/> + <paramref name="timeLimit"/>.
    /// </summary>
    /// <param name="condition">What to wait for.</param>
    /// <param name="timeLimit">How much virtual time to allow.</param>
    /// <returns>True if the condition held in time (<see cref="Now"/> is then the time it became true); false otherwise (<see cref="Now"/> is then the limit).</returns>
    public bool RunUntil(Func<bool> condition, TimeSpan timeLimit)
    {
        ArgumentNullException.ThrowIfNull(condition);
        long deadline = DeadlineAfter(timeLimit, nameof(timeLimit));
        using var run = EnterRun();
        if (condition())
        {
            return true;
        }

        while (ProcessNext(deadline))
        {
            if (condition())
            {
                return true;
            }
        }

        _nowTicks = deadline;
        return false;
    }

    /// <summary>Processes every event due within <paramref name="duration"/>, then sets <see cref="Now"/> to the end of it.</summary>
    /// <param name="duration">How much virtual time to simulate.</param>
    public void RunFor(TimeSpan duration)
    {
        long deadline = DeadlineAfter(duration, nameof(duration));
        using var run = EnterRun();
        while (ProcessNext(deadline))
        {
        }

        _nowTicks = deadline;
    }

    /// <summary>Processes the next event (starting the simulation if needed).</summary>
    /// <returns>False when there is no event left.</returns>
    public bool Step()
    {
        using var run = EnterRun();
        return ProcessNext(long.MaxValue);
    }

    internal NodeHost Host(NodeId id) =>
        _hostsById.TryGetValue(id, out NodeHost? host)
            ? host
            : throw new ArgumentException($"There is no node '{id}' in this simulation (nodes: {string.Join(", ", _nodes)}).", nameof(id));

    /// <summary>The network's send path: count, trace, then decide the message's fate with the network's random stream.</summary>
    internal void SendMessage(int from, int to, object message)
    {
        int size = message is ISizedMessage sized ? sized.SizeBytes : Options.DefaultMessageSizeBytes;
        if (size < 0)
        {
            throw new ArgumentException($"{message.GetType().Name}.SizeBytes is {size}; a message size must be zero or more.", nameof(message));
        }

        NodeHost sender = Hosts[from];
        LinkState link = Network.Link(from, to);
        Metrics.MessagesSent++;
        Metrics.BytesSent += size;
        sender.MessagesSent++;
        sender.BytesSent += size;
        link.MessagesSent++;
        link.BytesSent += size;
        Record(TraceEventKind.Send, from, to, message, 0, size);

        if (!Network.IsConnected(from, to))
        {
            Drop(from, to, message, size, DropReason.LinkCut);
            return;
        }

        LinkProfile profile = link.Profile ?? Network.DefaultProfile;
        if (profile.DropRate > 0 && _networkRandom.NextDouble() < profile.DropRate)
        {
            Drop(from, to, message, size, DropReason.Lost);
            return;
        }

        bool duplicate = profile.DuplicateRate > 0 && _networkRandom.NextDouble() < profile.DuplicateRate;
        var delivery = new ScheduledEvent(ScheduledEventKind.Deliver, from, to, size, 0, message, null);
        Enqueue(delivery, DeliveryDelay(profile, link));
        if (duplicate)
        {
            Metrics.MessagesDuplicated++;
            link.MessagesDuplicated++;
            Record(TraceEventKind.Duplicate, from, to, message, 0, size);
            Enqueue(delivery, DeliveryDelay(profile, link));
        }
    }

    internal TimerId SetNodeTimer(NodeHost host, int incarnation, TimeSpan delay, Action callback, string? label)
    {
        ArgumentNullException.ThrowIfNull(callback);
        long ticks = DelayTicks(delay);
        long id = NextTimerId();
        _pendingTimers.Add(id);
        Enqueue(new ScheduledEvent(ScheduledEventKind.NodeTimer, -1, host.Index, incarnation, id, callback, label), ticks);
        return new TimerId(id);
    }

    internal long NextTimerId() => ++_lastTimerId;

    internal void CancelNodeTimer(TimerId timer) => _pendingTimers.Remove(timer.Value);

    internal void ScheduleProviderTimer(VirtualTimer timer, long generation, long delayTicks) =>
        Enqueue(new ScheduledEvent(ScheduledEventKind.ProviderTimer, -1, timer.Owner?.Index ?? -1, 0, generation, timer, null), DelayTicks(new TimeSpan(delayTicks)));

    internal void RecordLog(int node, string text) => Record(TraceEventKind.Log, node, -1, text, 0, 0);

    internal void RecordNetworkChange(TraceEventKind kind, int from, int to, string description) =>
        Record(kind, from, to, description, 0, 0);

    private void Record(TraceEventKind kind, int from, int to, object? subject, long number, int size)
    {
        if (_recordTrace)
        {
            Trace.Add(new TraceRecord(_nowTicks, subject, number, from, to, size, kind));
        }
    }

    private void Drop(int from, int to, object message, int size, DropReason reason)
    {
        Metrics.MessagesDropped++;
        Hosts[from].MessagesDropped++;
        Network.Link(from, to).MessagesDropped++;
        Record(TraceEventKind.Drop, from, to, message, (long)reason, size);
    }

    private long DeliveryDelay(LinkProfile profile, LinkState link)
    {
        long delay = profile.MinDelay.Ticks;
        long spread = profile.MaxDelay.Ticks - delay;
        if (profile.LongDelayRate > 0 && _networkRandom.NextDouble() < profile.LongDelayRate)
        {
            delay = profile.MaxDelay.Ticks;
            spread = profile.LongDelayMax.Ticks - delay;
        }

        if (spread > 0)
        {
            // NextDouble() < 1, so this is uniform over [0, spread] inclusive.
            delay += (long)(_networkRandom.NextDouble() * (spread + 1));
        }

        if (profile.PreserveOrder)
        {
            long arrival = Math.Max(_nowTicks + delay, link.LastDeliveryTicks);
            link.LastDeliveryTicks = arrival;
            delay = arrival - _nowTicks;
        }

        return delay;
    }

    private void Enqueue(in ScheduledEvent scheduled, long delayTicks) =>
        _queue.Enqueue(scheduled, new EventKey(_nowTicks + delayTicks, _sequence++));

    private long DelayTicks(TimeSpan delay)
    {
        if (delay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "A delay must be zero or more: the simulation cannot schedule into the past.");
        }

        if (delay.Ticks > long.MaxValue - _nowTicks)
        {
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "The delay reaches beyond the end of representable virtual time.");
        }

        return delay.Ticks;
    }

    private long DeadlineAfter(TimeSpan span, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(span, TimeSpan.Zero, name);
        return span.Ticks > long.MaxValue - _nowTicks ? long.MaxValue : _nowTicks + span.Ticks;
    }

    /// <summary>Processes the next live event due no later than <paramref name="deadline"/>; stale timers are discarded on the way.</summary>
    private bool ProcessNext(long deadline)
    {
        while (_queue.TryPeek(out ScheduledEvent next, out EventKey key))
        {
            if (key.Ticks > deadline)
            {
                return false;
            }

            _queue.Dequeue();
            if (!IsLive(next))
            {
                continue;
            }

            _eventsAtThisInstant = key.Ticks == _nowTicks ? _eventsAtThisInstant + 1 : 0;
            _nowTicks = key.Ticks;
            if (_eventsAtThisInstant >= MaxEventsAtOneInstant)
            {
                throw new SimulationException(
                    $"{MaxEventsAtOneInstant} events ran without virtual time advancing: something reschedules itself with zero delay forever.", this);
            }

            try
            {
                Dispatch(next);
            }
            catch (Exception error) when (error is not SimulationException)
            {
                throw new SimulationException(DescribeFailure(next, error), this, error);
            }

            CheckInvariants();
            return true;
        }

        return false;
    }

    private bool IsLive(in ScheduledEvent scheduled) => scheduled.Kind switch
    {
        ScheduledEventKind.NodeTimer => _pendingTimers.Remove(scheduled.Id)
            && Hosts[scheduled.To].IsUp && Hosts[scheduled.To].Incarnation == scheduled.Number,
        ScheduledEventKind.ProviderTimer => ((VirtualTimer)scheduled.Payload!).IsDue(scheduled.Id),
        _ => true,
    };

    private void Dispatch(in ScheduledEvent scheduled)
    {
        switch (scheduled.Kind)
        {
            case ScheduledEventKind.Deliver:
                Deliver(scheduled.From, scheduled.To, scheduled.Payload!, scheduled.Number);
                break;
            case ScheduledEventKind.NodeTimer:
                NodeHost host = Hosts[scheduled.To];
                host.TimersFired++;
                Metrics.TimersFired++;
                Record(TraceEventKind.Timer, host.Index, -1, scheduled.Label, scheduled.Id, 0);
                ((Action)scheduled.Payload!)();
                break;
            case ScheduledEventKind.ProviderTimer:
                if (scheduled.To >= 0)
                {
                    Hosts[scheduled.To].TimersFired++;
                    Metrics.TimersFired++;
                    Record(TraceEventKind.Timer, scheduled.To, -1, "TimeProvider", ((VirtualTimer)scheduled.Payload!).Id, 0);
                }
                else
                {
                    Record(TraceEventKind.External, -1, -1, "TimeProvider timer", 0, 0);
                }

                ((VirtualTimer)scheduled.Payload!).Fire();
                break;
            case ScheduledEventKind.External:
                Record(TraceEventKind.External, -1, -1, scheduled.Label, 0, 0);
                ((Action)scheduled.Payload!)();
                break;
        }
    }

    private void Deliver(int from, int to, object message, int size)
    {
        NodeHost receiver = Hosts[to];
        if (!receiver.IsUp)
        {
            Drop(from, to, message, size, DropReason.ReceiverDown);
            return;
        }

        if (!Network.IsConnected(from, to))
        {
            Drop(from, to, message, size, DropReason.LinkCut);
            return;
        }

        Metrics.MessagesDelivered++;
        receiver.MessagesReceived++;
        receiver.BytesReceived += size;
        LinkState link = Network.Link(from, to);
        link.MessagesReceived++;
        link.BytesReceived += size;
        Record(TraceEventKind.Deliver, from, to, message, 0, size);
        receiver.Instance!.OnMessage(Hosts[from].Id, message);
    }

    private void CheckInvariants()
    {
        for (int i = 0; i < _invariants.Count; i++)
        {
            (string name, Func<string?> check) = _invariants[i];
            string? violation;
            try
            {
                violation = check();
            }
            catch (Exception error) when (error is not SimulationException)
            {
                throw new SimulationException($"Invariant '{name}' threw {error.GetType().Name}: {error.Message}", this, error);
            }

            if (violation is not null)
            {
                throw new InvariantViolationException(name, violation, this);
            }
        }
    }

    private string DescribeFailure(in ScheduledEvent scheduled, Exception error)
    {
        string what = scheduled.Kind switch
        {
            ScheduledEventKind.Deliver => $"Node {Hosts[scheduled.To].Id} threw while handling {scheduled.Payload} from {Hosts[scheduled.From].Id}",
            ScheduledEventKind.NodeTimer => $"Node {Hosts[scheduled.To].Id} threw in timer {scheduled.Id}{(scheduled.Label is null ? "" : " (" + scheduled.Label + ")")}",
            ScheduledEventKind.ProviderTimer when scheduled.To >= 0 => $"Node {Hosts[scheduled.To].Id} threw in a TimeProvider timer callback",
            ScheduledEventKind.ProviderTimer => "A scenario TimeProvider timer callback threw",
            _ => $"The scheduled action '{scheduled.Label}' threw",
        };
        return $"{what}: {error.GetType().Name}: {error.Message}";
    }

    private void Instantiate(NodeHost host)
    {
        host.IsUp = true;
        host.Instance = host.Factory(new NodeContext(this, host))
            ?? throw new InvalidOperationException($"The factory of node {host.Id} returned null.");
    }

    private void StartInstance(NodeHost host)
    {
        try
        {
            host.Instance!.OnStart();
        }
        catch (Exception error) when (error is not SimulationException)
        {
            throw new SimulationException($"Node {host.Id} threw in OnStart: {error.GetType().Name}: {error.Message}", this, error);
        }
    }

    private RunScope EnterRun()
    {
        if (_running)
        {
            throw new InvalidOperationException(
                "Step, RunFor and RunUntil cannot be called from inside a simulated event; schedule work with Schedule or a timer instead.");
        }

        _running = true;
        var scope = new RunScope(this);
        if (!_started)
        {
            _started = true;
            try
            {
                // Only the nodes added so far: a node added by an OnStart starts itself in AddNode.
                int count = Hosts.Count;
                for (int i = 0; i < count; i++)
                {
                    if (Hosts[i].IsUp)
                    {
                        StartInstance(Hosts[i]);
                    }
                }
            }
            catch
            {
                scope.Dispose();
                throw;
            }
        }

        return scope;
    }

    private void RefreshMembership()
    {
        NodeId[] sorted = [.. _hostsById.Keys];
        Array.Sort(sorted);
        _nodes = Array.AsReadOnly(sorted);
        foreach (NodeHost host in Hosts)
        {
            NodeId[] peers = Array.FindAll(sorted, id => id != host.Id);
            host.Peers = Array.AsReadOnly(peers);
            host.PeerIndexes = Array.ConvertAll(peers, id => _hostsById[id].Index);
        }
    }

    private readonly struct RunScope(Simulation simulation) : IDisposable
    {
        public void Dispose() => simulation._running = false;
    }
}
