using DistSys.Testing.Linearizability;

namespace DistSys.Testing.Tests.Linearizability;

public class LinearizabilityCheckerTests
{
    private static readonly KeyValueModel Kv = new();

    private static Operation<KvInput, KvOutput> Put(int client, long call, long? ret, string key, string value) =>
        new(client, call, ret, new KvInput(KvOp.Put, key, value), ret is null ? null : new KvOutput(null));

    private static Operation<KvInput, KvOutput> Append(int client, long call, long? ret, string key, string value) =>
        new(client, call, ret, new KvInput(KvOp.Append, key, value), ret is null ? null : new KvOutput(null));

    private static Operation<KvInput, KvOutput> Get(int client, long call, long? ret, string key, string? seen) =>
        new(client, call, ret, new KvInput(KvOp.Get, key), ret is null ? null : new KvOutput(seen));

    private static LinearizabilityResult Check(params Operation<KvInput, KvOutput>[] history) =>
        LinearizabilityChecker.Check(Kv, history);

    [Test]
    [Category("safety")]
    public void An_empty_history_is_linearizable()
    {
        Assert.That(Check().IsLinearizable, Is.True);
    }

    [Test]
    [Category("safety")]
    public void A_read_after_a_completed_write_must_see_it()
    {
        Assert.That(Check(Put(1, 0, 10, "x", "1"), Get(2, 20, 30, "x", "1")).IsLinearizable, Is.True, "the read sees the write");
        var stale = Check(Put(1, 0, 10, "x", "1"), Get(2, 20, 30, "x", ""));
        Assert.That(stale.Outcome, Is.EqualTo(LinearizabilityOutcome.NotLinearizable), "a read that starts after the write returned cannot miss it");
    }

    [Test]
    [Category("safety")]
    public void An_absent_key_reads_as_empty_whether_reported_as_empty_or_null()
    {
        Assert.That(Check(Get(1, 0, 1, "x", "")).IsLinearizable, Is.True, "empty string");
        Assert.That(Check(Get(1, 0, 1, "x", null)).IsLinearizable, Is.True, "null is read as empty");
        Assert.That(Check(Get(1, 0, 1, "x", "1")).IsLinearizable, Is.False, "nobody wrote 1");
    }

    [Test]
    [Category("safety")]
    public void A_read_concurrent_with_a_write_may_see_the_old_or_the_new_value()
    {
        Assert.That(Check(Put(1, 0, 10, "x", "1"), Get(2, 5, 15, "x", "")).IsLinearizable, Is.True, "old value");
        Assert.That(Check(Put(1, 0, 10, "x", "1"), Get(2, 5, 15, "x", "1")).IsLinearizable, Is.True, "new value");
        Assert.That(Check(Put(1, 0, 10, "x", "1"), Get(2, 5, 15, "x", "2")).IsLinearizable, Is.False, "a value nobody wrote");
    }

    [Test]
    [Category("safety")]
    public void Two_reads_in_sequence_cannot_see_the_new_value_and_then_the_old_one()
    {
        var history = Check(
            Put(1, 0, 100, "x", "1"),
            Get(2, 10, 20, "x", "1"),
            Get(3, 30, 40, "x", ""));

        Assert.That(history.IsLinearizable, Is.False, "once a read saw 1, a later read cannot see the value before it");
    }

    [Test]
    [Category("safety")]
    public void Intervals_that_touch_count_as_concurrent()
    {
        Assert.That(Check(Put(1, 0, 10, "x", "1"), Get(2, 10, 20, "x", "")).IsLinearizable, Is.True,
            "a read called at the instant the write returns may be ordered before it");
    }

    [Test]
    [Category("safety")]
    public void Appends_take_effect_in_one_order_that_every_read_agrees_on()
    {
        Assert.That(Check(
            Append(1, 0, 10, "x", "a"),
            Append(2, 0, 10, "x", "b"),
            Get(3, 20, 30, "x", "ba")).IsLinearizable, Is.True, "concurrent appends in either order");
        Assert.That(Check(
            Append(1, 0, 10, "x", "a"),
            Append(2, 0, 10, "x", "b"),
            Get(3, 20, 30, "x", "ab"),
            Get(4, 40, 50, "x", "ba")).IsLinearizable, Is.False, "two reads disagree on the order");
    }

    [Test]
    [Category("safety")]
    public void A_pending_write_may_or_may_not_have_taken_effect()
    {
        Assert.That(Check(Put(1, 0, null, "x", "1"), Get(2, 5, 15, "x", "1")).IsLinearizable, Is.True, "it took effect");
        Assert.That(Check(Put(1, 0, null, "x", "1"), Get(2, 5, 15, "x", "")).IsLinearizable, Is.True, "it did not");
        Assert.That(Check(Put(1, 0, null, "x", "1"), Get(2, 5, 15, "x", "1"), Get(2, 20, 30, "x", "")).IsLinearizable, Is.False,
            "once observed it stays in effect");
    }

    [Test]
    [Category("safety")]
    public void A_pending_write_cannot_take_effect_before_its_call()
    {
        var history = Check(Get(1, 0, 10, "x", "1"), Put(2, 20, null, "x", "1"));

        Assert.That(history.IsLinearizable, Is.False, "the read returned before the write was even called");
    }

    [Test]
    [Category("safety")]
    public void Keys_are_checked_independently_and_the_failure_names_the_key()
    {
        var result = Check(
            Put(1, 0, 10, "x", "1"),
            Put(1, 20, 30, "y", "2"),
            Get(2, 40, 50, "x", "1"),
            Get(2, 60, 70, "y", "1"));

        Assert.That(result.IsLinearizable, Is.False);
        Assert.That(result.Partition, Is.EqualTo("key 'y'"), result.Explanation);
    }

    [Test]
    [Category("report")]
    public void The_explanation_gives_the_partition_the_longest_linearizable_prefix_and_the_operations_that_could_not_be_placed()
    {
        var result = Check(
            Put(1, 0, 10, "x", "1"),
            Get(2, 20, 30, "x", "1"),
            Put(1, 40, 50, "x", "2"),
            Get(2, 60, 70, "x", "1"),
            Get(3, 65, 80, "x", "2"));

        Assert.That(result.LinearizablePrefix, Has.Count.EqualTo(4), result.Explanation);
        Assert.That(result.Unplaced, Is.EqualTo(new[] { "client 2 [60, 70] Get(x) -> \"1\"" }), result.Explanation);
        Assert.That(result.Explanation, Is.EqualTo(
            """
            Not linearizable: partition 'key 'x'' (5 operations) has no linearization.
            Longest linearizable prefix: 4 of 5 operations, in linearization order (=> state after it):
              client 1 [0, 10] Put(x, "1")  => "1"
              client 2 [20, 30] Get(x) -> "1"  => "1"
              client 1 [40, 50] Put(x, "2")  => "2"
              client 3 [65, 80] Get(x) -> "2"  => "2"
            State after the prefix: "2". None of these could be placed next:
              client 2 [60, 70] Get(x) -> "1"
            """.ReplaceLineEndings("\n")));
    }

    [Test]
    [Category("report")]
    public void A_linearizable_verdict_says_how_much_was_checked()
    {
        var result = Check(Put(1, 0, 10, "x", "1"), Put(1, 20, 30, "y", "1"));

        Assert.That(result.Explanation, Is.EqualTo("Linearizable: 2 operations in 2 partition(s)."));
        Assert.That(result.Partition, Is.Null);
    }

    [Test]
    [Category("safety")]
    public void A_generated_history_of_2000_operations_from_10_clients_is_linearizable()
    {
        var history = SampleHistories.LinearizableKv(seed: 3, clients: 10, keys: 3, operations: 2000);

        var result = LinearizabilityChecker.Check(Kv, history);

        Assert.That(result.IsLinearizable, Is.True, result.Explanation);
    }

    [Test]
    [Category("safety")]
    public void Corrupting_one_read_of_a_generated_history_makes_it_not_linearizable()
    {
        var history = SampleHistories.LinearizableKv(seed: 4, clients: 10, keys: 3, operations: 2000).ToList();
        var index = history.FindIndex(1000, o => o.Input.Op == KvOp.Get && o.Output!.Value!.Length > 0);
        history[index] = history[index] with { Output = new KvOutput(history[index].Output!.Value + "!") };

        var result = LinearizabilityChecker.Check(Kv, history);

        Assert.That(result.IsLinearizable, Is.False, "a read returned a value no write produced");
        Assert.That(result.Partition, Is.EqualTo($"key '{history[index].Input.Key}'"));
    }

    [Test]
    [Category("behaviour")]
    public void A_search_over_its_time_budget_is_undecided_not_a_verdict()
    {
        var history = SampleHistories.LinearizableKv(seed: 5, clients: 10, keys: 1, operations: 5000);

        var result = LinearizabilityChecker.Check(Kv, history, TimeSpan.FromTicks(1));

        Assert.That(result.Outcome, Is.EqualTo(LinearizabilityOutcome.Unknown), result.Explanation);
        Assert.That(result.IsLinearizable, Is.False);
    }

    [Test]
    [Category("behaviour")]
    public void The_default_model_has_one_partition_and_refuses_pending_operations_it_cannot_step()
    {
        var register = new RegisterModel();
        Operation<int, int>[] history = [new(1, 0, 10, 5, 0), new(2, 20, 30, -1, 5)];

        Assert.That(LinearizabilityChecker.Check(register, history).Explanation, Does.Contain("1 partition(s)"));
        Operation<int, int>[] pending = [new(1, 0, null, 5, 0), new(2, 10, 20, -1, 5)];
        Assert.That(() => LinearizabilityChecker.Check(register, pending),
            Throws.InstanceOf<NotSupportedException>().With.Message.Contains("StepPending"));
    }

    [Test]
    [Category("behaviour")]
    public void Invalid_arguments_are_rejected_with_the_argument_named()
    {
        Assert.That(() => LinearizabilityChecker.Check<string, KvInput, KvOutput>(null!, []),
            Throws.ArgumentNullException.With.Property("ParamName").EqualTo("model"));
        Assert.That(() => LinearizabilityChecker.Check(Kv, null!),
            Throws.ArgumentNullException.With.Property("ParamName").EqualTo("history"));
        Assert.That(() => Check(Put(1, 10, 5, "x", "1")),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("history").And.Message.Contains("before its call"));
        Assert.That(() => Check(null!, Put(1, 10, 5, "x", "1")),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("history"));
        Assert.That(() => LinearizabilityChecker.Check(Kv, [], TimeSpan.Zero),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("budget"));
    }

    [Test]
    [Category("behaviour")]
    public void The_recorder_keeps_calls_pending_until_they_return()
    {
        var recorder = new HistoryRecorder<KvInput, KvOutput>();
        var put = recorder.Call(1, 0, new KvInput(KvOp.Put, "x", "1"));
        var get = recorder.Call(2, 5, new KvInput(KvOp.Get, "x"));
        recorder.Return(get, 9, new KvOutput("1"));

        Assert.That(recorder.Operations[put].IsPending, Is.True);
        Assert.That(recorder.Operations[get], Is.EqualTo(Get(2, 5, 9, "x", "1")));
        Assert.That(LinearizabilityChecker.Check(Kv, recorder.Operations).IsLinearizable, Is.True);
        Assert.That(() => recorder.Return(get, 10, new KvOutput("1")), Throws.InvalidOperationException);
        Assert.That(() => recorder.Return(put, -1, new KvOutput(null)), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => recorder.Return(7, 10, new KvOutput(null)), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    /// <summary>A register of ints: input -1 reads, anything else writes; the output of a write is ignored.</summary>
    private sealed class RegisterModel : Model<int, int, int>
    {
        public override int Initial => 0;

        public override bool Step(int state, int input, int output, out int next)
        {
            next = input < 0 ? state : input;
            return input >= 0 || output == state;
        }
    }
}
