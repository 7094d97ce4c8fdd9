using System.Globalization;
using DistSys.Runtime;

namespace DistSys.Raft.Tests.Kv;

/// <summary>One operation of the recorded history: virtual ticks of call and return (null if it never returned).</summary>
internal sealed record KvRecord(int ClientId, long CallTime, long? ReturnTime, KvKind Op, string Key, string? Value, string? Output);

/// <summary>
/// Simulated clients of the key-value store. Each client runs one operation at a time: it sends it to the server it
/// believes leads, and on a refusal or after a timeout retries the same operation (same sequence number) at the next
/// server. Client links are part of the simulation's scheduled events: a request or reply can be delayed and, with
/// <see cref="Lossy"/>, lost. Every call and return is recorded in <see cref="History"/>.
/// </summary>
internal sealed class KvWorkload
{
    private static readonly TimeSpan s_retryAfter = TimeSpan.FromMilliseconds(100);
    private static readonly string[] s_keys = ["x", "y", "z"];
    private readonly Simulation _simulation;
    private readonly RaftCluster _cluster;
    private readonly List<Client> _clients = [];
    private readonly List<KvRecord> _history = [];
    private TimeSpan _stopAt;

    public KvWorkload(Simulation simulation, RaftCluster cluster, int clients)
    {
        _simulation = simulation;
        _cluster = cluster;
        for (int id = 1; id <= clients; id++)
        {
            _clients.Add(new Client(id));
        }
    }

    /// <summary>Whether client requests and replies are lost 10% of the time and delayed up to 20 ms.</summary>
    public bool Lossy { get; init; }

    /// <summary>Completed operations so far.</summary>
    public int Completed { get; private set; }

    /// <summary>Whether every client has finished its last operation.</summary>
    public bool Idle => _clients.All(client => client.Current is null);

    /// <summary>
    /// The recorded history: completed operations, plus operations still running, with no return time (they may or
    /// may not have taken effect).
    /// </summary>
    public IReadOnlyList<KvRecord> History =>
        [.. _history, .. _clients.Where(c => c.Current is not null).Select(c => Record(c, null, null))];

    /// <summary>Clients start now and begin no new operation after <paramref name="duration"/>.</summary>
    public void Run(TimeSpan duration)
    {
        _stopAt = _simulation.Now + duration;
        foreach (Client client in _clients)
        {
            _simulation.Schedule(TimeSpan.FromMilliseconds(_simulation.Random.Next(10)), () => Next(client), $"client {client.Id} begins");
        }
    }

    private void Next(Client client)
    {
        if (_simulation.Now >= _stopAt)
        {
            return;
        }

        client.Seq++;
        KvKind op = (KvKind)_simulation.Random.Next(3);
        string key = s_keys[_simulation.Random.Next(s_keys.Length)];
        string? value = op == KvKind.Get ? null : string.Create(CultureInfo.InvariantCulture, $"{client.Id}.{client.Seq};");
        client.Current = new KvCommand(client.Id, client.Seq, op, key, value);
        client.CallTime = _simulation.Now.Ticks;
        Send(client);
    }

    private void Send(Client client)
    {
        KvCommand command = client.Current!;
        int attempt = ++client.Attempt;
        NodeId server = _cluster.Nodes[client.Server % _cluster.Nodes.Count];
        Deliver(() =>
        {
            if (client.Current != command || !_cluster.Connected.Contains(server))
            {
                return;
            }

            _simulation.Node<KvServer>(server).Submit(command, result => Deliver(() => OnReply(client, command, attempt, result), "reply"));
        }, $"c{client.Id} -> {server} {command}");
        _simulation.Schedule(s_retryAfter, () =>
        {
            if (client.Current == command && client.Attempt == attempt)
            {
                client.Server++;
                Send(client);
            }
        }, $"c{client.Id} timeout");
    }

    private void OnReply(Client client, KvCommand command, int attempt, KvResult result)
    {
        if (client.Current != command)
        {
            return;
        }

        if (!result.Ok)
        {
            if (client.Attempt == attempt)
            {
                client.Server++;
                _simulation.Schedule(TimeSpan.FromMilliseconds(1), () =>
                {
                    if (client.Current == command && client.Attempt == attempt)
                    {
                        Send(client);
                    }
                }, $"c{client.Id} retries");
            }

            return;
        }

        _history.Add(Record(client, _simulation.Now.Ticks, result.Value));
        Completed++;
        client.Current = null;
        _simulation.Schedule(TimeSpan.FromMilliseconds(_simulation.Random.Next(10)), () => Next(client), $"client {client.Id} next");
    }

    private void Deliver(Action action, string label)
    {
        if (Lossy && _simulation.Random.Next(10) == 0)
        {
            return;
        }

        TimeSpan delay = Lossy ? TimeSpan.FromMilliseconds(_simulation.Random.Next(20)) : TimeSpan.FromMilliseconds(1);
        _simulation.Schedule(delay, action, label);
    }

    private static KvRecord Record(Client client, long? returnTime, string? output)
    {
        KvCommand command = client.Current!;
        return new KvRecord(client.Id, client.CallTime, returnTime, command.Op, command.Key, command.Value, output);
    }

    private sealed class Client(int id)
    {
        public int Id { get; } = id;
        public long Seq { get; set; }
        public int Server { get; set; } = id;
        public int Attempt { get; set; }
        public KvCommand? Current { get; set; }
        public long CallTime { get; set; }
    }
}
