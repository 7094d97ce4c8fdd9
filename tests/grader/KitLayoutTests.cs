using DistSys.Grader.Kit;

namespace DistSys.Grader.Tests;

public class KitLayoutTests
{
    private string root = string.Empty;

    [SetUp]
    public void CreateKit()
    {
        root = Directory.CreateTempSubdirectory("distsys-layout-").FullName;
        File.WriteAllText(Path.Combine(root, "DistSys.sln"), string.Empty);
        Directory.CreateDirectory(Path.Combine(root, "exercises", "raft"));
        Directory.CreateDirectory(Path.Combine(root, "exercises", "lock-manager"));
        Directory.CreateDirectory(Path.Combine(root, "tests", "lock-manager"));
        File.WriteAllText(Path.Combine(root, "tests", "lock-manager", "LockManager.Tests.csproj"), string.Empty);
    }

    [TearDown]
    public void DeleteKit() => Directory.Delete(root, recursive: true);

    [Test]
    public void Every_exercise_folder_is_an_exercise_ordered_by_slug()
    {
        var slugs = KitLayout.Locate(root, root).DiscoverExercises().Select(exercise => exercise.Slug);

        Assert.That(slugs, Is.EqualTo(new[] { "lock-manager", "raft" }));
    }

    [Test]
    public void An_exercise_has_a_suite_once_its_test_project_exists()
    {
        var exercises = KitLayout.Locate(root, root).DiscoverExercises().ToDictionary(exercise => exercise.Slug);

        Assert.That(exercises["lock-manager"].SuiteProject, Is.EqualTo("tests/lock-manager/LockManager.Tests.csproj"));
        Assert.That(exercises["raft"].HasSuite, Is.False, "raft has no tests/raft/*.Tests.csproj yet");
    }

    [Test]
    public void The_suite_executable_is_in_the_targets_own_output_folder()
    {
        var kit = KitLayout.Locate(root, root);
        var lockManager = kit.DiscoverExercises().Single(exercise => exercise.Slug == "lock-manager");

        Assert.That(kit.Relative(lockManager.SuiteAssembly(kit.Root, BuildTarget.Exercises)),
            Is.EqualTo("tests/lock-manager/bin/exercises/Debug/net10.0/DistSys.LockManager.Tests.dll"));
    }

    [Test]
    public void The_root_is_found_by_walking_up_to_the_solution_file()
    {
        Assert.That(KitLayout.Locate(null, Path.Combine(root, "tests", "lock-manager")).Root, Is.EqualTo(root));
    }
}
