using System.Text;

namespace DistSys.Testing.Tests;

public class SnapshotTests
{
    private string _folder = null!;
    private string _source = null!;
    private string _verified = null!;
    private string _received = null!;

    [SetUp]
    public void CreateFolder()
    {
        _folder = Directory.CreateTempSubdirectory("snapshot-tests-").FullName;
        _source = Path.Combine(_folder, "SomeTests.cs");
        var stem = Path.Combine(_folder, $"{nameof(SnapshotTests)}.{TestContext.CurrentContext.Test.MethodName}");
        _verified = stem + ".verified.txt";
        _received = stem + ".received.txt";
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Matching_output_passes_and_leaves_no_received_file()
    {
        File.WriteAllText(_verified, "a\nb\n");

        Snapshot.Verify("a\r\nb\r\n", new SnapshotSettings(), _source, accept: false);

        Assert.That(File.Exists(_received), Is.False, "a passing check must not leave a .received.txt behind");
    }

    [Test]
    public void Different_output_fails_with_a_unified_diff_and_writes_the_received_file()
    {
        File.WriteAllText(_verified, "one\ntwo\nthree\n");

        var failure = Assert.Throws<AssertionException>(() => Snapshot.Verify("one\nTWO\nthree\n", new SnapshotSettings(), _source, accept: false));

        Assert.Multiple(() =>
        {
            Assert.That(failure!.Message, Does.Contain("- two\n+ TWO"), "the message shows the expected line and the received line");
            Assert.That(failure.Message, Does.Contain("@@ -1,3 +1,3 @@"), "hunks carry unified-diff headers");
            Assert.That(File.ReadAllText(_received), Is.EqualTo("one\nTWO\nthree\n"), "the full received output is written beside the snapshot");
        });
    }

    [Test]
    public void A_missing_snapshot_fails_instead_of_being_written_silently()
    {
        var failure = Assert.Throws<AssertionException>(() => Snapshot.Verify("new", new SnapshotSettings(), _source, accept: false));

        Assert.Multiple(() =>
        {
            Assert.That(failure!.Message, Does.Contain("No snapshot exists yet"));
            Assert.That(File.Exists(_verified), Is.False, "only an explicit accept may create the verified file");
        });
    }

    [Test]
    public void Accepting_writes_the_verified_file_as_utf8_with_newline_endings()
    {
        Snapshot.Verify("größe\r\nline\r\n", new SnapshotSettings(), _source, accept: true);

        var bytes = File.ReadAllBytes(_verified);
        Assert.Multiple(() =>
        {
            Assert.That(Encoding.UTF8.GetString(bytes), Is.EqualTo("größe\nline\n"));
            Assert.That(bytes.Take(3), Is.Not.EqualTo(Encoding.UTF8.Preamble.ToArray()), "no byte-order mark");
        });
    }

    [Test]
    public void Scrubbers_run_before_the_comparison()
    {
        File.WriteAllText(_verified, "id Guid_1 again Guid_1 other Guid_2\nkept\n");
        var settings = new SnapshotSettings().ScrubInlineGuids().ScrubLinesContaining("elapsed");
        var text = "id 6f9619ff-8b86-d011-b42d-00cf4fc964ff again 6F9619FF-8B86-D011-B42D-00CF4FC964FF other 00000000-0000-0000-0000-000000000001\nelapsed 12 ms\nkept\n";

        Assert.DoesNotThrow(() => Snapshot.Verify(text, settings, _source, accept: false));
    }

    [Test]
    public void Parameterized_tests_get_one_file_per_parameter_set()
    {
        var settings = new SnapshotSettings().UseParameters(3, "x");

        Snapshot.Verify("p", settings, _source, accept: true);

        var expected = Path.Combine(_folder, $"{nameof(SnapshotTests)}.{nameof(Parameterized_tests_get_one_file_per_parameter_set)}_arg0=3_arg1=x.verified.txt");
        Assert.That(File.Exists(expected), Is.True, $"expected {Path.GetFileName(expected)}");
    }
}
