using DistSys.Testing.Hosting;

namespace DistSys.Grader.Tests;

public class HostProtocolTests
{
    private const string Token = "0123456789ABCDEF";

    [Test]
    public void An_event_survives_the_trip_through_a_line()
    {
        var sent = new HostEvent(HostProtocol.Finished, Test: "A.B.C", Status: HostProtocol.Failed, Message: "line 1\nline 2", DurationMs: 12, Output: "printed");

        var received = HostProtocol.ParseEvent(Token, HostProtocol.FormatEvent(Token, sent));

        Assert.That(received, Is.EqualTo(sent).Using<HostEvent>((a, b) =>
            a.Event == b.Event && a.Test == b.Test && a.Status == b.Status && a.Message == b.Message && a.DurationMs == b.DurationMs && a.Output == b.Output));
    }

    [Test]
    public void A_protocol_line_is_a_single_line_whatever_the_message_contains()
    {
        var line = HostProtocol.FormatEvent(Token, new HostEvent(HostProtocol.Finished, Test: "A", Message: "one\ntwo\r\nthree"));

        Assert.That(line, Does.Not.Contain('\n').And.Not.Contain('\r'));
    }

    [Test]
    public void A_line_with_another_token_is_student_output_not_a_result()
    {
        var forged = HostProtocol.FormatEvent("FFFFFFFFFFFFFFFF", new HostEvent(HostProtocol.Finished, Test: "A", Status: HostProtocol.Passed));

        Assert.That(HostProtocol.ParseEvent(Token, forged), Is.Null);
    }

    [TestCase("")]
    [TestCase("Test passed")]
    [TestCase("##distsys 0123456789ABCDEF {not json")]
    [TestCase("##distsys 0123456789ABCDEF {}")]
    [TestCase("  ##distsys 0123456789ABCDEF {\"event\":\"finished\"}")]
    public void Anything_but_a_well_formed_line_is_ignored(string line)
    {
        Assert.That(HostProtocol.ParseEvent(Token, line), Is.Null, $"'{line}' must not be read as a protocol event");
    }

    [Test]
    public void The_request_carries_the_token_and_the_tests_to_skip()
    {
        var request = HostProtocol.ParseRequest(HostProtocol.FormatRequest(new HostRequest(Token, ["A.B", "C.D"])));

        Assert.That(request?.Token, Is.EqualTo(Token));
        Assert.That(request?.Skip, Is.EqualTo(new[] { "A.B", "C.D" }));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("{\"skip\":[]}")]
    [TestCase("nonsense")]
    public void A_request_without_a_token_is_refused(string? line)
    {
        Assert.That(HostProtocol.ParseRequest(line), Is.Null);
    }

    [Test]
    public void Truncation_keeps_the_head_and_says_how_much_was_dropped()
    {
        var text = new string('x', 510);

        Assert.That(HostProtocol.Truncate(text, 500), Is.EqualTo(new string('x', 500) + "…[output truncated: 10 more chars]"));
    }

    [Test]
    public void Text_within_the_limit_is_kept_whole()
    {
        Assert.That(HostProtocol.Truncate("short", 500), Is.EqualTo("short"));
    }
}
