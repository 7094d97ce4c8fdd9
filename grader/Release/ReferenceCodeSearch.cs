using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DistSys.Grader.Release;

/// <summary>A line of a released file that holds a line of reference (or hidden test) code.</summary>
/// <param name="Path">The released file, relative to the released kit.</param>
/// <param name="Line">Its 1-based line number.</param>
/// <param name="Source">The reference file the code comes from, relative to the trusted kit.</param>
/// <param name="SourceLine">The line in <paramref name="Source"/>.</param>
/// <param name="Code">The code found, without white space.</param>
internal sealed record CodeLeak(string Path, int Line, string Source, int SourceLine, string Code)
{
    public override string ToString() => $"{Path}:{Line} holds {Source}:{SourceLine} ({Code})";
}

/// <summary>
/// Finds reference code in other files. The fingerprints are the lines of the reference's member bodies (method,
/// constructor, accessor, local function and lambda bodies, expression bodies), each as its tokens without white space
/// or comments; a line shorter than <see cref="MinimumLength"/> characters is too common to mean anything. A line that
/// also occurs in a stub or in Given/ is not a fingerprint: students hold those lines anyway (argument checks, say).
/// A released line holds a fingerprint when the fingerprint occurs in it once its white space is removed, so reformatting
/// or a trailing comment does not hide it.
/// </summary>
internal sealed partial class ReferenceCodeSearch
{
    /// <summary>Fingerprints shorter than this (characters without white space) are ignored: <c>return result;</c> is everywhere.</summary>
    public const int MinimumLength = 20;

    // Candidates are looked up by the fingerprint's first characters at every position of a released line.
    private const int KeyLength = 12;

    private readonly Dictionary<string, List<(string Code, string Source, int Line)>> byKey = new(StringComparer.Ordinal);

    private ReferenceCodeSearch()
    {
    }

    /// <summary>How many distinct lines of reference code are searched for.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// Fingerprints of <paramref name="references"/> (relative path, C# text) minus every line that occurs in one of
    /// <paramref name="allowed"/> (stubs and Given/ code, C# text).
    /// </summary>
    public static ReferenceCodeSearch Of(IEnumerable<(string Path, string Text)> references, IEnumerable<string> allowed)
    {
        var fingerprints = new Dictionary<string, (string Source, int Line)>(StringComparer.Ordinal);
        foreach (var (path, text) in references)
        {
            foreach (var (line, code) in BodyLines(text))
            {
                if (code.Length >= MinimumLength)
                {
                    fingerprints.TryAdd(code, (path, line));
                }
            }
        }

        var search = new ReferenceCodeSearch();
        foreach (var (code, (source, line)) in fingerprints)
        {
            search.Add(code, source, line);
        }

        // A fingerprint that a stub or Given/ line holds (wholly or in part) is something students have anyway.
        var shared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in allowed)
        {
            foreach (var (_, code) in BodyLines(text))
            {
                shared.UnionWith(search.Matches(code).Select(match => match.Code));
            }

            foreach (var line in text.Split('\n'))
            {
                shared.UnionWith(search.Matches(WithoutWhiteSpace(line)).Select(match => match.Code));
            }
        }

        foreach (var list in search.byKey.Values)
        {
            list.RemoveAll(entry => shared.Contains(entry.Code));
        }

        search.Count = search.byKey.Values.Sum(list => list.Count);
        return search;
    }

    /// <summary>Every line of <paramref name="text"/> (the released file <paramref name="path"/>) that holds a fingerprint.</summary>
    public IEnumerable<CodeLeak> Find(string path, string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (var (code, source, line) in Matches(WithoutWhiteSpace(lines[i])))
            {
                yield return new CodeLeak(path, i + 1, source, line, code);
                break;
            }
        }
    }

    /// <summary>
    /// The lines of every member body in <paramref name="text"/>, 1-based line number and the line's tokens joined
    /// without white space or comments. The arrow of an expression body and a body's braces are not part of it.
    /// </summary>
    public static IEnumerable<(int Line, string Code)> BodyLines(string text)
    {
        var root = CSharpSyntaxTree.ParseText(text).GetRoot();
        var bodies = root.DescendantNodes().Where(IsBody).Where(body => !body.Ancestors().Any(IsBody));
        foreach (var body in bodies)
        {
            var tokens = body.DescendantTokens().Where(token => !token.IsKind(SyntaxKind.EqualsGreaterThanToken));
            if (body is BlockSyntax block)
            {
                tokens = tokens.Where(token => token != block.OpenBraceToken && token != block.CloseBraceToken);
            }

            foreach (var line in tokens.GroupBy(token => token.GetLocation().GetLineSpan().StartLinePosition.Line))
            {
                var code = new StringBuilder();
                foreach (var token in line)
                {
                    code.Append(WithoutWhiteSpace(token.Text));
                }

                if (code.Length > 0)
                {
                    yield return (line.Key + 1, code.ToString());
                }
            }
        }
    }

    private static bool IsBody(SyntaxNode node) =>
        node switch
        {
            BlockSyntax { Parent: BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax } => true,
            ArrowExpressionClauseSyntax => true,
            _ => false,
        };

    private void Add(string code, string source, int line)
    {
        var key = code[..KeyLength];
        (byKey.TryGetValue(key, out var list) ? list : byKey[key] = []).Add((code, source, line));
    }

    private IEnumerable<(string Code, string Source, int Line)> Matches(string normalized)
    {
        if (normalized.Length < MinimumLength)
        {
            yield break;
        }

        var lookup = byKey.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var start = 0; start + MinimumLength <= normalized.Length; start++)
        {
            if (!lookup.TryGetValue(normalized.AsSpan(start, KeyLength), out var candidates))
            {
                continue;
            }

            foreach (var candidate in candidates)
            {
                if (start + candidate.Code.Length <= normalized.Length && string.CompareOrdinal(normalized, start, candidate.Code, 0, candidate.Code.Length) == 0)
                {
                    yield return candidate;
                }
            }
        }
    }

    private static string WithoutWhiteSpace(string text) => WhiteSpace().Replace(text, string.Empty);

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
