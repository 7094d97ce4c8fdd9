namespace DistSys.CacheCoherence.Tests;

/// <summary>Single behaviours of the protocol, including the two bugs of the seed's controller.</summary>
public sealed class ProtocolTests
{
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(20);

    [TestCase(CoherenceProtocol.Msi)]
    [TestCase(CoherenceProtocol.Mesi)]
    [Category("safety")]
    public void A_read_after_another_nodes_write_sees_the_new_value(CoherenceProtocol protocol)
    {
        var controller = Operation.NewController(protocol);
        controller.Write("CPU1", 7, 42);

        Assert.That(controller.Read("CPU2", 7), Is.EqualTo(42), "CPU2 must see CPU1's write, fetched through the bus.");
        Assert.That(controller.GetMemoryState().GetValueOrDefault(7), Is.EqualTo(42),
            "Serving a read from a Modified copy writes it back to memory first.");
        Assert.That(StateOf(controller, "CPU1", 7), Is.EqualTo(LineState.Shared), "CPU1's Modified copy becomes Shared after CPU2's read.");
    }

    [TestCase(CoherenceProtocol.Msi)]
    [TestCase(CoherenceProtocol.Mesi)]
    [Category("safety")]
    public void A_write_invalidates_every_other_copy(CoherenceProtocol protocol)
    {
        var controller = Operation.NewController(protocol);
        controller.Read("CPU1", 7);
        controller.Read("CPU2", 7);

        controller.Write("CPU3", 7, 5);

        Assert.That((StateOf(controller, "CPU1", 7), StateOf(controller, "CPU2", 7), StateOf(controller, "CPU3", 7)),
            Is.EqualTo((LineState.Invalid, LineState.Invalid, LineState.Modified)));
        Assert.That(controller.GetStatistics().Invalidations, Is.EqualTo(2), "Two valid copies were invalidated.");
    }

    [TestCase(CoherenceProtocol.Msi)]
    [TestCase(CoherenceProtocol.Mesi)]
    [Category("safety")]
    public void A_read_miss_never_revives_a_stale_copy_in_another_cache(CoherenceProtocol protocol)
    {
        // The seed's first bug: on a read miss it turned every copy of the address into Shared, invalid ones included.
        var controller = Operation.NewController(protocol);
        controller.Write("CPU1", 100, 42);
        controller.Read("CPU2", 100);
        controller.Write("CPU3", 100, 99); // CPU1 and CPU2 now hold stale, invalid copies of 42

        controller.Read("CPU1", 100);

        Assert.That(StateOf(controller, "CPU2", 100), Is.EqualTo(LineState.Invalid),
            "CPU2's copy (42) is stale. CPU1's read miss must leave it Invalid; making it Shared would let CPU2 read 42 after 99 was written.\n" +
            Coherence.Render(controller));
        Assert.That(controller.Read("CPU2", 100), Is.EqualTo(99), "CPU2 must read the latest value, 99.");
    }

    [TestCase(CoherenceProtocol.Msi)]
    [TestCase(CoherenceProtocol.Mesi)]
    [Category("safety")]
    public void Invalidating_a_cache_with_modified_lines_returns_and_writes_them_back(CoherenceProtocol protocol)
    {
        // The seed's second bug: invalidate took the bus lock and then called flush, which took the same
        // non-reentrant lock again, so it never returned.
        var controller = Operation.NewController(protocol);
        controller.Write("CPU1", 1, 11);
        controller.Write("CPU1", 2, 22);

        var invalidate = Task.Run(() => controller.Invalidate("CPU1"));
        Assert.That(invalidate.Wait(HangLimit), Is.True,
            $"Invalidate(\"CPU1\") did not return within {HangLimit.TotalSeconds:0} s. Does it take the bus lock and then call " +
            "something (such as Flush) that takes it again? A non-reentrant lock deadlocks on itself.");

        Assert.That(controller.GetMemoryState().OrderBy(m => m.Key).Select(m => (m.Key, m.Value)), Is.EqualTo(new[] { (1, 11), (2, 22) }),
            "Modified lines must be written back before they are invalidated, or the writes are lost.");
        Assert.That(controller.GetCacheState("CPU1").Select(l => l.State), Is.All.EqualTo(LineState.Invalid));
    }

    [TestCase(CoherenceProtocol.Msi)]
    [TestCase(CoherenceProtocol.Mesi)]
    [Category("safety")]
    public void Flushing_writes_modified_lines_back_and_keeps_them_valid(CoherenceProtocol protocol)
    {
        var controller = Operation.NewController(protocol);
        controller.Write("CPU1", 1, 11);

        var flush = Task.Run(() => controller.Flush("CPU1"));
        Assert.That(flush.Wait(HangLimit), Is.True, $"Flush(\"CPU1\") did not return within {HangLimit.TotalSeconds:0} s.");

        Assert.That(controller.GetMemoryState().GetValueOrDefault(1), Is.EqualTo(11));
        var expected = protocol == CoherenceProtocol.Mesi ? LineState.Exclusive : LineState.Shared;
        Assert.That(StateOf(controller, "CPU1", 1), Is.EqualTo(expected),
            "A flushed line is clean: Shared under MSI, Exclusive under MESI (no one else holds it).");
    }

    [TestCase(CoherenceProtocol.Msi)]
    [TestCase(CoherenceProtocol.Mesi)]
    [Category("behaviour")]
    public void A_write_that_invalidates_a_modified_copy_writes_it_back_first(CoherenceProtocol protocol)
    {
        var controller = Operation.NewController(protocol);
        controller.Write("CPU1", 7, 1);

        controller.Write("CPU2", 7, 2);

        Assert.That(controller.GetMemoryState().GetValueOrDefault(7), Is.EqualTo(1),
            "CPU1's Modified copy (1) must be written back before CPU2's read-exclusive invalidates it.");
        var stats = controller.GetStatistics();
        Assert.That((stats.Writebacks, stats.BusTransactions), Is.EqualTo((1L, 3L)),
            "Expected 1 writeback and 3 bus transactions (two read-exclusives and the writeback); got " + stats);
    }

    [TestCase(CoherenceProtocol.Msi)]
    [TestCase(CoherenceProtocol.Mesi)]
    [Category("behaviour")]
    public void Invalidating_a_cache_counts_one_invalidation_per_valid_line(CoherenceProtocol protocol)
    {
        var controller = Operation.NewController(protocol);
        controller.Write("CPU1", 1, 11);
        controller.Read("CPU1", 2);
        controller.Read("CPU1", 3);
        controller.Write("CPU2", 3, 33); // CPU1's copy of 3 is already Invalid: one invalidation

        controller.Invalidate("CPU1");

        Assert.That(controller.GetStatistics().Invalidations, Is.EqualTo(3),
            "CPU2's write invalidated one line; invalidating CPU1 then turns its two valid lines (1 and 2) Invalid, " +
            "and its already Invalid line 3 does not count again: 3 in all.\n" + Coherence.Render(controller));
    }

    [Test]
    [Category("behaviour")]
    public void Statistics_count_hits_misses_and_bus_transactions()
    {
        var controller = Operation.NewController(CoherenceProtocol.Msi);
        controller.Read("CPU1", 1);     // miss, BusRd
        controller.Read("CPU1", 1);     // hit
        controller.Write("CPU1", 1, 5); // hit on Shared, BusUpgr
        controller.Write("CPU1", 1, 6); // hit on Modified, no bus
        controller.Read("CPU2", 1);     // miss, BusRd + writeback from CPU1

        var stats = controller.GetStatistics();
        Assert.That((stats.Hits, stats.Misses, stats.BusTransactions, stats.Writebacks), Is.EqualTo((3L, 2L, 4L, 1L)),
            "Expected 3 hits, 2 misses, 4 bus transactions (2 reads, 1 upgrade, 1 writeback), 1 writeback; got " + stats);
        Assert.That(stats.HitRate, Is.EqualTo(0.6).Within(1e-9));
    }

    [Test]
    [Category("behaviour")]
    public void Mesi_writes_a_line_it_read_alone_without_a_bus_transaction()
    {
        var msi = Operation.NewController(CoherenceProtocol.Msi);
        var mesi = Operation.NewController(CoherenceProtocol.Mesi);
        foreach (var controller in new[] { msi, mesi })
        {
            for (var address = 0; address < 10; address++)
            {
                controller.Read("CPU1", address);
                controller.Write("CPU1", address, address + 1);
            }
        }

        Assert.That((msi.GetStatistics().BusTransactions, mesi.GetStatistics().BusTransactions), Is.EqualTo((20L, 10L)),
            "Read-then-write of 10 private lines: MSI needs a bus read and an upgrade for each (20); " +
            "MESI reads them Exclusive and upgrades silently (10).");
        Assert.That(StateOf(mesi, "CPU1", 0), Is.EqualTo(LineState.Modified));
    }

    [Test]
    [Category("behaviour")]
    public void Mesi_gives_a_read_shared_by_others_the_shared_state()
    {
        var controller = Operation.NewController(CoherenceProtocol.Mesi);
        controller.Read("CPU1", 3);
        Assert.That(StateOf(controller, "CPU1", 3), Is.EqualTo(LineState.Exclusive), "The only cached copy is Exclusive.");

        controller.Read("CPU2", 3);

        Assert.That((StateOf(controller, "CPU1", 3), StateOf(controller, "CPU2", 3)), Is.EqualTo((LineState.Shared, LineState.Shared)),
            "A second reader turns the Exclusive copy Shared.");
    }

    [Test]
    [Category("behaviour")]
    public void Find_violations_accepts_an_exclusive_line_under_mesi()
    {
        var controller = Operation.NewController(CoherenceProtocol.Mesi);
        controller.Read("CPU1", 3);
        Assert.That(StateOf(controller, "CPU1", 3), Is.EqualTo(LineState.Exclusive), "The only cached copy is Exclusive.");

        Assert.That(controller.FindViolations(), Is.Empty,
            "A lone Exclusive copy equal to memory is coherent under MESI (only MSI has no Exclusive state).\n" + Coherence.Render(controller));
    }

    private static LineState StateOf(CoherenceController controller, string node, int address) =>
        controller.GetCacheState(node).SingleOrDefault(l => l.Address == address)?.State ?? LineState.Invalid;
}
