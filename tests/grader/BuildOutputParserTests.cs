using DistSys.Grader.Building;

namespace DistSys.Grader.Tests;

public class BuildOutputParserTests
{
    private static string Relative(string path) => path.StartsWith("/kit/", StringComparison.Ordinal) ? path["/kit/".Length..] : path;

    [Test]
    public void Reads_file_position_code_message_and_project_from_a_compiler_error()
    {
        var error = BuildOutputParser.ParseLine(
            "/kit/exercises/crdts/GCounter.cs(12,9): error CS1002: ; expected [/kit/exercises/crdts/Crdts.csproj::TargetFramework=net10.0]",
            Relative);

        Assert.That(error, Is.EqualTo(new CompilerError("exercises/crdts/GCounter.cs", 12, 9, "CS1002", "; expected", "exercises/crdts/Crdts.csproj")));
    }

    [Test]
    public void Prints_an_error_with_the_path_relative_to_the_kit_root()
    {
        var error = BuildOutputParser.ParseLine("/kit/tests/raft/ElectionTests.cs(3,5): error CS0103: The name 'x' does not exist [/kit/tests/raft/Raft.Tests.csproj]", Relative);

        Assert.That(error?.Text, Is.EqualTo("tests/raft/ElectionTests.cs(3,5): error CS0103: The name 'x' does not exist"));
    }

    [Test]
    public void Reads_errors_that_have_no_source_position()
    {
        var error = BuildOutputParser.ParseLine("/kit/tests/raft/Raft.Tests.csproj : error NU1101: Unable to find package Foo. [/kit/tests/raft/Raft.Tests.csproj]", Relative);

        Assert.That(error, Is.EqualTo(new CompilerError("tests/raft/Raft.Tests.csproj", null, null, "NU1101", "Unable to find package Foo.", "tests/raft/Raft.Tests.csproj")));
    }

    [Test]
    public void Reads_analyzer_errors_whose_code_is_not_CS()
    {
        var error = BuildOutputParser.ParseLine("/kit/tests/crdts/A.cs(5,48): error NUnit2007: The actual value should not be a constant [/kit/tests/crdts/Crdts.Tests.csproj]", Relative);

        Assert.That(error?.Code, Is.EqualTo("NUnit2007"));
    }

    [TestCase("/kit/exercises/crdts/GCounter.cs(12,9): warning CS0168: The variable 'x' is declared but never used [/kit/exercises/crdts/Crdts.csproj]")]
    [TestCase("  Crdts -> /kit/exercises/crdts/bin/Debug/net10.0/DistSys.Crdts.dll")]
    [TestCase("Build FAILED.")]
    [TestCase("    3 Error(s)")]
    public void Ignores_lines_that_are_not_errors(string line)
    {
        Assert.That(BuildOutputParser.ParseLine(line, Relative), Is.Null, $"'{line}' is not an error line");
    }

    [Test]
    public void Reports_an_error_printed_twice_once()
    {
        const string line = "/kit/exercises/crdts/GCounter.cs(12,9): error CS1002: ; expected [/kit/exercises/crdts/Crdts.csproj]";

        var errors = BuildOutputParser.Parse([line, "Build FAILED.", line], Relative);

        Assert.That(errors, Has.Count.EqualTo(1), "msbuild repeats errors in its summary; the report must not");
    }
}
