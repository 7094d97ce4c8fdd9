using DistSys.Runtime;

namespace DistSys.AdaptiveSelector.Tests;

/// <summary>Invalid arguments are refused with the documented exception, naming the argument.</summary>
[Category("behaviour")]
public class BadInputTests
{
    private static IEnumerable<TestCaseData> InvalidOptions()
    {
        yield return new TestCaseData(new SelectorOptions { Window = TimeSpan.Zero }).SetName("Window_of_zero_is_refused");
        yield return new TestCaseData(new SelectorOptions { Patience = 0 }).SetName("Patience_of_zero_is_refused");
        yield return new TestCaseData(new SelectorOptions { ContentionLow = -1 }).SetName("Negative_ContentionLow_is_refused");
        yield return new TestCaseData(new SelectorOptions { ContentionLow = 800, ContentionHigh = 800 }).SetName("No_hysteresis_band_is_refused");
        yield return new TestCaseData(new SelectorOptions { ContentionLow = 900, ContentionHigh = 600 }).SetName("An_inverted_band_is_refused");
        yield return new TestCaseData(new SelectorOptions { LatencyHigh = TimeSpan.FromMilliseconds(-1) }).SetName("Negative_LatencyHigh_is_refused");
        yield return new TestCaseData(new SelectorOptions { OperationTimeout = TimeSpan.Zero }).SetName("OperationTimeout_of_zero_is_refused");
        yield return new TestCaseData(new SelectorOptions { Initial = (Protocol)7 }).SetName("An_undefined_initial_protocol_is_refused");
    }

    [TestCaseSource(nameof(InvalidOptions))]
    public void Invalid_selector_options(SelectorOptions options) =>
        Assert.That(() => new ProtocolSelector(options),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").StartsWith("options"),
            "an option out of range throws ArgumentOutOfRangeException naming the option (options.Xxx)");

    [Test]
    public void The_selector_needs_options()
    {
        Assert.That(() => new ProtocolSelector(null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("options"));
    }

    [Test]
    public void Observe_refuses_null_and_windows_out_of_time_order()
    {
        var selector = new ProtocolSelector(new SelectorOptions());
        selector.Observe(Windows.At(2));
        Assert.Multiple(() =>
        {
            Assert.That(() => selector.Observe(null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("stats"));
            Assert.That(() => selector.Observe(Windows.At(2)), Throws.ArgumentException.With.Property("ParamName").EqualTo("stats"),
                "a window that ends when the previous one ended is out of order");
            Assert.That(() => selector.Observe(Windows.At(1)), Throws.ArgumentException.With.Property("ParamName").EqualTo("stats"));
        });
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(65)]
    public void The_service_needs_two_to_sixty_four_nodes(int nodeCount)
    {
        Assert.That(() => new AdaptiveCounter(new Simulation(1), nodeCount, new SelectorOptions()),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("nodeCount"));
    }

    [Test]
    public void The_service_needs_a_simulation_and_valid_options()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => new AdaptiveCounter(null!, 3, new SelectorOptions()), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("simulation"));
            Assert.That(() => new AdaptiveCounter(new Simulation(1), 3, null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("options"));
            Assert.That(() => new AdaptiveCounter(new Simulation(1), 3, new SelectorOptions { Patience = 0 }),
                Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").StartsWith("options"));
        });
    }

    [Test]
    public void Operations_refuse_unknown_nodes_bad_amounts_and_missing_callbacks()
    {
        var counter = new AdaptiveCounter(new Simulation(1), 3, new SelectorOptions());
        var stranger = new NodeId("n9");
        var n2 = counter.Nodes[1];
        Assert.Multiple(() =>
        {
            Assert.That(() => counter.Increment(stranger, 1, () => { }), Throws.ArgumentException.With.Property("ParamName").EqualTo("node"));
            Assert.That(() => counter.Read(stranger, _ => { }), Throws.ArgumentException.With.Property("ParamName").EqualTo("node"));
            Assert.That(() => counter.ProtocolOf(stranger), Throws.ArgumentException.With.Property("ParamName").EqualTo("node"));
            Assert.That(() => counter.LocalValue(stranger), Throws.ArgumentException.With.Property("ParamName").EqualTo("node"));
            Assert.That(() => counter.Increment(n2, 0, () => { }), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("amount"));
            Assert.That(() => counter.Increment(n2, -5, () => { }), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("amount"));
            Assert.That(() => counter.Increment(n2, 1, null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("acknowledged"));
            Assert.That(() => counter.Read(n2, null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("completed"));
            Assert.That(counter.LocalValue(n2), Is.Zero, "refused increments must not count");
        });
    }
}
