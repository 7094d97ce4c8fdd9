using DistSys.Grader.Building;

namespace DistSys.Grader.Tests;

public class ErrorOwnershipTests
{
    private static readonly IReadOnlySet<string> Slugs = new HashSet<string> { "crdts", "lock-manager" };

    [TestCase("exercises/crdts/GCounter.cs", ExpectedResult = "crdts")]
    [TestCase("tests/lock-manager/LeaseTests.cs", ExpectedResult = "lock-manager")]
    [TestCase("solutions/crdts/GCounter.cs", ExpectedResult = "crdts")]
    [TestCase("runtime/DistSys.Runtime/Simulator.cs", ExpectedResult = null)]
    [TestCase("tests/support/Snapshots/Snapshot.cs", ExpectedResult = null)]
    [TestCase("exercises/unknown-slug/A.cs", ExpectedResult = null)]
    [TestCase("CSC", ExpectedResult = null)]
    public string? Attributes_an_error_to_the_exercise_whose_folder_holds_the_file(string file) =>
        ErrorOwnership.OwnerOf(new CompilerError(file, 1, 1, "CS0001", "message", null), Slugs);

    [Test]
    public void Falls_back_to_the_reporting_project_when_the_file_says_nothing()
    {
        var error = new CompilerError("CSC", null, null, "CS2001", "Source file could not be found.", "tests/crdts/Crdts.Tests.csproj");

        Assert.That(ErrorOwnership.OwnerOf(error, Slugs), Is.EqualTo("crdts"));
    }

    [Test]
    public void Leaves_errors_of_the_shared_solutions_project_to_the_kit()
    {
        var error = new CompilerError("CSC", null, null, "CS2001", "Source file could not be found.", "solutions/Solutions.csproj");

        Assert.That(ErrorOwnership.OwnerOf(error, Slugs), Is.Null, "an error no exercise owns must stop grading as a kit error");
    }
}
