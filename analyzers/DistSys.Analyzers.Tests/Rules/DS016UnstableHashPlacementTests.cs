using DistSys.Analyzers.Tests.Harness;

namespace DistSys.Analyzers.Tests.Rules;

public sealed class DS016UnstableHashPlacementTests
{
    private static readonly DS016UnstableHashPlacementAnalyzer Analyzer = new();

    [Test]
    public Task Reports_a_string_hash_taken_modulo_the_shard_count() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Sharding
        {
            public int ShardOf(string key, int shards) => Math.Abs({|DS016:key.GetHashCode()|}) % shards;
        }
        """);

    [Test]
    public Task Reports_a_hash_that_reaches_the_modulo_through_locals() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Sharding
        {
            public int ShardOf(string key, int shards)
            {
                var hash = {|DS016:StringComparer.Ordinal.GetHashCode(key)|};
                var positive = (uint)hash;
                return (int)(positive % (uint)shards);
            }
        }
        """);

    [Test]
    public Task Reports_a_hash_used_as_a_position_on_a_sorted_ring() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Ring
        {
            private readonly SortedDictionary<int, string> _ring = new();
            public void AddNode(string node) => _ring[{|DS016:node.GetHashCode()|}] = node;
            public void AddReplica(string node, int i) => _ring.Add({|DS016:HashCode.Combine(node, i)|}, node);
        }
        """);

    [Test]
    public Task Is_silent_for_a_stable_hash() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Sharding
        {
            public static uint Fnv1a(string key)
            {
                var hash = 2166136261u;
                foreach (var b in System.Text.Encoding.UTF8.GetBytes(key)) { hash ^= b; hash *= 16777619u; }
                return hash;
            }
            public int ShardOf(string key, int shards) => (int)(Fnv1a(key) % (uint)shards);
        }
        """);

    [Test]
    public Task Is_silent_for_hash_codes_used_in_memory_only() => AnalyzerHarness.VerifyAsync(Analyzer, """
        sealed class Key
        {
            public string Name { get; } = "";
            public int Version { get; }
            public override int GetHashCode() => HashCode.Combine(Name, Version);
            public override bool Equals(object? obj) => obj is Key k && k.Name == Name && k.Version == Version;
            public int Bucket(int buckets) => (Version & 0x7fffffff) % buckets;
        }
        """);

    [Test]
    public Task Is_silent_for_the_hash_of_an_integer() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Sharding
        {
            public int ShardOf(int userId, int shards) => (userId.GetHashCode() & int.MaxValue) % shards;
            public int Length(string key) => key.Length % 7;
        }
        """);
}
