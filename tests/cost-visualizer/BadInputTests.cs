using DistSys.Runtime;

namespace DistSys.CostVisualizer.Tests;

/// <summary>Invalid arguments are refused with the documented exception, naming the parameter.</summary>
public class BadInputTests
{
    private static IEnumerable<TestCaseData> InvalidOptions()
    {
        yield return new TestCaseData(new AnalysisOptions { HotNodeShare = 1.5 }).SetName("A hot-node share above 1 is refused");
        yield return new TestCaseData(new AnalysisOptions { HotLinkShare = -0.1 }).SetName("A negative hot-link share is refused");
        yield return new TestCaseData(new AnalysisOptions { HeartbeatShare = double.NaN }).SetName("A heartbeat share that is not a number is refused");
        yield return new TestCaseData(new AnalysisOptions { RetransmissionShare = 2 }).SetName("A retransmission share above 1 is refused");
        yield return new TestCaseData(new AnalysisOptions { MinRetransmissions = -1 }).SetName("A negative retransmission minimum is refused");
        yield return new TestCaseData(new AnalysisOptions { PricePerGb = -0.02 }).SetName("A negative price is refused");
        yield return new TestCaseData(new AnalysisOptions { PricePerGb = double.PositiveInfinity }).SetName("An infinite price is refused");
    }

    [TestCaseSource(nameof(InvalidOptions))]
    [Category("behaviour")]
    public void Invalid_options(AnalysisOptions options)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ = new TrafficAnalyzer(options));
        Assert.That(error!.ParamName, Is.EqualTo("options"));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrafficAnalyzer.Analyze([], options), "Analyze checks the same options");
    }

    [Test]
    [Category("behaviour")]
    public void The_limits_themselves_are_valid_options()
    {
        var options = new AnalysisOptions { HotNodeShare = 0, HotLinkShare = 1, HeartbeatShare = 1, RetransmissionShare = 0, MinRetransmissions = 0, PricePerGb = 0 };
        Assert.That(new TrafficAnalyzer(options).Options, Is.SameAs(options));
    }

    [Test]
    [Category("behaviour")]
    public void Null_arguments_are_refused()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Assert.Throws<ArgumentNullException>(() => TrafficAnalyzer.Analyze(null!))!.ParamName, Is.EqualTo("events"));
            Assert.That(Assert.Throws<ArgumentNullException>(() => new TrafficAnalyzer().Attach(null!))!.ParamName, Is.EqualTo("simulation"));
            Assert.That(Assert.Throws<ArgumentNullException>(() => TrafficAnalyzer.KindOf(null!))!.ParamName, Is.EqualTo("text"));
            Assert.That(Assert.Throws<ArgumentNullException>(() => Advisor.Suggest(null!))!.ParamName, Is.EqualTo("analysis"));
            TrafficAnalysis analysis = TrafficAnalyzer.Analyze([]);
            TraceDocument trace = new Traces().Document();
            Assert.That(Assert.Throws<ArgumentNullException>(() => CostPage.Render(null!, analysis, []))!.ParamName, Is.EqualTo("trace"));
            Assert.That(Assert.Throws<ArgumentNullException>(() => CostPage.Render(trace, null!, []))!.ParamName, Is.EqualTo("analysis"));
            Assert.That(Assert.Throws<ArgumentNullException>(() => CostPage.Render(trace, analysis, null!))!.ParamName, Is.EqualTo("suggestions"));
        });
    }

    [TestCase(TraceEventKind.Send)]
    [TestCase(TraceEventKind.Deliver)]
    [TestCase(TraceEventKind.Drop)]
    [TestCase(TraceEventKind.Duplicate)]
    [Category("behaviour")]
    public void A_message_event_without_a_receiver_is_refused(TraceEventKind kind)
    {
        var analyzer = new TrafficAnalyzer();
        var error = Assert.Throws<ArgumentException>(() => analyzer.Observe(new TraceEvent(TimeSpan.Zero, kind, new NodeId("n1"), null, "Ping", 64)));
        Assert.That(error!.ParamName, Is.EqualTo("traceEvent"));
    }

    [Test]
    [Category("behaviour")]
    public void Following_a_simulation_that_records_no_trace_is_refused()
    {
        var simulation = new Simulation(1, new SimulationOptions { RecordTrace = false });
        Assert.Throws<InvalidOperationException>(() => new TrafficAnalyzer().Attach(simulation));
    }
}
