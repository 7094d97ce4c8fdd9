namespace DistSys.Runtime.Tests;

public class LinkProfileTests
{
    [TestCase(-0.1)]
    [TestCase(1.5)]
    [TestCase(double.NaN)]
    public void A_rate_outside_zero_to_one_is_rejected_with_the_property_named(double rate)
    {
        Assert.That(() => LinkProfile.Lan with { DropRate = rate },
            Throws.ArgumentException.With.Message.Contains("DropRate").And.Message.Contains("between 0 and 1"));
        Assert.That(() => LinkProfile.Lan with { DuplicateRate = rate }, Throws.ArgumentException.With.Message.Contains("DuplicateRate"));
        Assert.That(() => LinkProfile.Lan with { LongDelayRate = rate }, Throws.ArgumentException.With.Message.Contains("LongDelayRate"));
    }

    [Test]
    public void A_minimum_delay_above_the_maximum_is_rejected()
    {
        Assert.That(() => new LinkProfile(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(1)),
            Throws.ArgumentException.With.Message.Contains("MinDelay (5.0000 ms) must not exceed MaxDelay (1.0000 ms)"));
    }

    [Test]
    public void A_negative_delay_is_rejected()
    {
        Assert.That(() => new LinkProfile(TimeSpan.FromMilliseconds(-1), TimeSpan.FromMilliseconds(1)),
            Throws.ArgumentException.With.Message.Contains("MinDelay must not be negative"));
    }

    [Test]
    public void An_inconsistent_profile_made_with_a_with_expression_is_rejected_where_it_is_used()
    {
        var simulation = new Simulation(1);
        LinkProfile inverted = LinkProfile.Lan with { MinDelay = TimeSpan.FromSeconds(1) };

        Assert.That(() => simulation.Network.DefaultProfile = inverted, Throws.ArgumentException.With.Message.Contains("must not exceed"));
        Assert.That(() => new Simulation(1, new SimulationOptions { Network = inverted }), Throws.ArgumentException);
    }

    [Test]
    public void Long_delays_need_a_long_delay_maximum_at_least_the_ordinary_maximum()
    {
        var simulation = new Simulation(1);
        LinkProfile profile = LinkProfile.Wan with { LongDelayRate = 0.1, LongDelayMax = TimeSpan.FromMilliseconds(10) };

        Assert.That(() => simulation.Network.DefaultProfile = profile, Throws.ArgumentException.With.Message.Contains("LongDelayMax"));
    }

    [Test]
    public void The_reliable_profile_is_lossless_fifo_and_takes_exactly_one_millisecond()
    {
        LinkProfile reliable = LinkProfile.Reliable;

        Assert.That(reliable, Is.EqualTo(new LinkProfile(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1)) { PreserveOrder = true }));
    }

    [Test]
    public void The_unreliable_profile_loses_about_one_message_in_ten_and_sometimes_holds_one_for_seconds()
    {
        LinkProfile unreliable = LinkProfile.Unreliable;

        Assert.That(unreliable.DropRate, Is.EqualTo(0.1));
        Assert.That(unreliable.MaxDelay, Is.EqualTo(TimeSpan.FromMilliseconds(27)));
        Assert.That(unreliable.LongDelayRate, Is.GreaterThan(0));
        Assert.That(unreliable.LongDelayMax, Is.EqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(unreliable.PreserveOrder, Is.False);
    }
}
