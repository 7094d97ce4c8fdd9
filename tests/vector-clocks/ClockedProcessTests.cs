namespace DistSys.VectorClocks.Tests;

/// <summary>The Fidge–Mattern rules on the textbook three-process exchange, and the process's argument contracts.</summary>
[Category("behaviour")]
public class ClockedProcessTests
{
    [Test]
    public void Every_event_ticks_the_process_own_entry()
    {
        var p = new ClockedProcess("p");

        var local = p.LocalEvent();
        var send = p.Send();

        Assert.That(Clocks.Show(local), Is.EqualTo("{p:1}"), "the first event of p");
        Assert.That(Clocks.Show(send), Is.EqualTo("{p:2}"), "a send is an event too");
        Assert.That(Clocks.Show(p.Clock), Is.EqualTo("{p:2}"), "Clock is the stamp of the latest event");
    }

    [Test]
    public void A_receive_merges_the_message_clock_then_ticks()
    {
        var p = new ClockedProcess("p");
        var q = new ClockedProcess("q");
        var r = new ClockedProcess("r");

        p.LocalEvent();                       // p:1
        var m1 = p.Send();                    // p:2, to q
        q.LocalEvent();                       // q:1
        var atQ = q.Receive(m1);              // {p:2, q:2}
        var m2 = q.Send();                    // {p:2, q:3}, to r
        r.LocalEvent();                       // r:1
        var atR = r.Receive(m2);              // {p:2, q:3, r:2}

        Assert.That(Clocks.Show(atQ), Is.EqualTo("{p:2, q:2}"), "q learns p's two events and counts its own receive");
        Assert.That(Clocks.Show(atR), Is.EqualTo("{p:2, q:3, r:2}"), "r learns, through q, everything p and q had done");
        Assert.That(m1.Compare(atR), Is.EqualTo(Causality.Before), "p's send happened before r's receive (transitively, through q)");
        Assert.That(Clocks.Of("r:1").Compare(m1), Is.EqualTo(Causality.Concurrent), "r's first event and p's send are unrelated");
    }

    [Test]
    public void A_receive_of_old_news_is_still_a_new_event()
    {
        var p = new ClockedProcess("p");
        var q = new ClockedProcess("q");
        var m = p.Send();
        q.Receive(m);
        var before = q.Clock;

        var again = q.Receive(m);   // a duplicate delivery of the same message

        Assert.That(again.Compare(before), Is.EqualTo(Causality.After), "each receive is its own event, even when it brings nothing new");
    }

    [Test]
    public void Invalid_arguments_are_rejected_with_the_documented_exceptions()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentNullException>(() => _ = new ClockedProcess(null!), "new ClockedProcess(null)");
            Assert.Throws<ArgumentException>(() => _ = new ClockedProcess("  "), "new ClockedProcess(blank)");
            Assert.Throws<ArgumentNullException>(() => new ClockedProcess("p").Receive(null!), "Receive(null)");
        });
    }

    [Test]
    public void A_null_stamp_is_rejected_under_its_own_name()
    {
        var process = new ClockedProcess("p");

        var error = Assert.Throws<ArgumentNullException>(() => process.Receive(null!));

        Assert.That(error?.ParamName, Is.EqualTo("stamp"),
            "Receive(null) must name its own parameter, stamp: check it before handing it to Merge, whose parameter has another name");
    }
}
