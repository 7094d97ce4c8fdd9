using DistSys.Analyzers.Tests.Harness;

namespace DistSys.Analyzers.Tests.Rules;

public sealed class DS013UnsafeCollectionMutationTests
{
    private static readonly DS013UnsafeCollectionMutationAnalyzer Analyzer = new();

    [Test]
    public Task Reports_a_list_filled_from_a_Parallel_ForEach_body() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Crawler
        {
            public List<string> Fetch(string[] urls)
            {
                var pages = new List<string>();
                Parallel.ForEach(urls, url => {|DS013:pages.Add(url)|});
                return pages;
            }
        }
        """);

    [Test]
    public Task Reports_a_dictionary_field_written_by_tasks_started_in_a_loop() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Index
        {
            private readonly Dictionary<int, string> _byId = new();
            public Task Load(int[] ids)
            {
                var tasks = new List<Task>();
                foreach (var id in ids) tasks.Add(Task.Run(() => { {|DS013:_byId[id]|} = id.ToString(); }));
                return Task.WhenAll(tasks);
            }
        }
        """);

    [Test]
    public Task Reports_a_queue_a_background_thread_drains_while_the_owner_enqueues() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Mailbox
        {
            private readonly Queue<string> _inbox = new();
            public void Start() => new Thread(() => { while (true) { if (_inbox.Count > 0) {|DS013:_inbox.Dequeue()|}; } }).Start();
            public void Post(string message) => _inbox.Enqueue(message);
        }
        """);

    [Test]
    public Task Is_silent_when_the_mutation_is_locked() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Crawler
        {
            public List<string> Fetch(string[] urls)
            {
                var pages = new List<string>();
                var gate = new object();
                Parallel.ForEach(urls, url => { lock (gate) { pages.Add(url); } });
                return pages;
            }
        }
        """);

    [Test]
    public Task Is_silent_for_concurrent_collections_and_distinct_slots() => AnalyzerHarness.VerifyAsync(Analyzer, """
        using System.Collections.Concurrent;
        class Crawler
        {
            public string[] Fetch(string[] urls)
            {
                var pages = new ConcurrentBag<string>();
                var slots = new List<string>(urls);
                Parallel.For(0, urls.Length, i => { pages.Add(urls[i]); slots[i] = urls[i]; });
                return pages.ToArray();
            }
        }
        """);

    [Test]
    public Task Is_silent_for_collections_owned_by_one_thread_or_read_after_a_join() => AnalyzerHarness.VerifyAsync(Analyzer, """
        class Worker
        {
            public async Task<int> Run(int[] input)
            {
                Parallel.ForEach(input, x => { var mine = new List<int>(); mine.Add(x); });
                var results = new List<int>();
                await Task.Run(() => results.AddRange(input));
                results.Add(0);
                return results.Count;
            }
        }
        """);
}
