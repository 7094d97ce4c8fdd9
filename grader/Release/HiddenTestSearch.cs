using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DistSys.Grader.Release;

/// <summary>
/// Finds traces of hidden tests in released files: a file under <c>tests/&lt;slug&gt;/Hidden/</c>, a test marked
/// <c>[Category("hidden")]</c> outside that folder (it would ship), and the name of a hidden test (a README listing it, a
/// copy under another name).
/// </summary>
internal static partial class HiddenTestSearch
{
    /// <summary>Names of tests shorter than this are too common to search for (<c>Works</c>).</summary>
    private const int MinimumNameLength = 12;

    /// <summary>The test methods declared in hidden test sources, by name.</summary>
    public static IReadOnlySet<string> TestNames(IEnumerable<string> hiddenSources)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in hiddenSources)
        {
            var root = CSharpSyntaxTree.ParseText(text).GetRoot();
            foreach (var method in root.DescendantNodes().OfType<MethodDeclarationSyntax>())
            {
                var isTest = method.AttributeLists.SelectMany(list => list.Attributes)
                    .Any(attribute => attribute.Name.ToString() is "Test" or "TestCase" or "TestCaseSource" or "Theory"
                        or "NUnit.Framework.Test" or "NUnit.Framework.TestCase");
                if (isTest && method.Identifier.Text.Length >= MinimumNameLength)
                {
                    names.Add(method.Identifier.Text);
                }
            }
        }

        return names;
    }

    /// <summary>Every trace of a hidden test in the released file <paramref name="path"/>: "line N: what".</summary>
    public static IEnumerable<string> Find(string path, string text, IReadOnlySet<string> hiddenNames)
    {
        if (ReleaseSelection.IsHiddenTest(path))
        {
            yield return $"{path}: a hidden test's file";
            yield break;
        }

        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (path.StartsWith("tests/", StringComparison.Ordinal) && path.EndsWith(".cs", StringComparison.Ordinal) && HiddenCategory().IsMatch(lines[i]))
            {
                yield return $"{path}:{i + 1}: a test in category \"hidden\" outside tests/<slug>/Hidden/";
            }

            foreach (var name in Identifier().Matches(lines[i]).Select(match => match.Value).Where(hiddenNames.Contains).Distinct())
            {
                yield return $"{path}:{i + 1}: the name of the hidden test {name}";
            }
        }
    }

    [GeneratedRegex("""Category\s*\(\s*"hidden"\s*\)""", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenCategory();

    [GeneratedRegex(@"[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex Identifier();
}
