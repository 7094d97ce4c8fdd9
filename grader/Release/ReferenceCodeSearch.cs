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
/// Finds reference code in other files. The fingerprints are the statements of the reference's member bodies (method,
/// constructor, accessor, local function and lambda bodies, expression bodies): each statement's own tokens, without
/// the statements nested in it, white space or comments (<c>foreach (var x in xs)</c> is one, each statement of its
/// body another). A statement with fewer than <see cref="MinimumTokens"/> tokens or fewer than
/// <see cref="MinimumWords"/> distinct names and literals (contextual keywords such as <c>var</c> are not names; <c>_total = total;</c>, <c>ArgumentNullException.ThrowIfNull(key);</c>,
/// <c>for (long i = 0; i &lt; count; i++)</c>, <c>var lines = new List&lt;string&gt;();</c>) is too common to mean anything. A statement that also occurs in code
/// students hold anyway (stubs, Given/, the runtime, the test support, the grader, the analyzers) is not a fingerprint.
/// A released file holds a fingerprint when the fingerprint occurs in its text once all white space is removed, so line
/// breaks, indentation or a trailing comment do not hide it.
/// </summary>
internal sealed partial class ReferenceCodeSearch
{
    /// <summary>Statements with fewer tokens than this are ignored: <c>return result;</c> is everywhere.</summary>
    public const int MinimumTokens = 8;

    /// <summary>Statements with fewer distinct names and literals than this are idioms, not a solution.</summary>
    public const int MinimumWords = 4;

    // Candidates are looked up by the fingerprint's first characters at every position of a released text.
    private const int KeyLength = 12;

    private readonly Dictionary<string, List<(string Code, string Source, int Line)>> byKey = new(StringComparer.Ordinal);

    private ReferenceCodeSearch()
    {
    }

    /// <summary>How many distinct statements of reference code are searched for.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// Fingerprints of <paramref name="references"/> (relative path, C# text) minus every statement that occurs in one
    /// of <paramref name="allowed"/> (code students hold anyway, any text).
    /// </summary>
    public static ReferenceCodeSearch Of(IEnumerable<(string Path, string Text)> references, IEnumerable<string> allowed)
    {
        var search = new ReferenceCodeSearch();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, text) in references)
        {
            foreach (var (line, code) in Statements(text))
            {
                if (seen.Add(code))
                {
                    search.Add(code, source: path, line);
                }
            }
        }

        var shared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in allowed)
        {
            shared.UnionWith(search.Matches(Normalized.Of(text)).Select(match => match.Code));
        }

        foreach (var list in search.byKey.Values)
        {
            list.RemoveAll(entry => shared.Contains(entry.Code));
        }

        search.Count = search.byKey.Values.Sum(list => list.Count);
        return search;
    }

    /// <summary>Every line of <paramref name="text"/> (the released file <paramref name="path"/>) where a fingerprint starts; one leak per line.</summary>
    public IEnumerable<CodeLeak> Find(string path, string text)
    {
        var normalized = Normalized.Of(text);
        var reported = new HashSet<int>();
        foreach (var (code, source, line, start) in Matches(normalized))
        {
            var at = normalized.Lines[start];
            if (reported.Add(at))
            {
                yield return new CodeLeak(path, at, source, line, code);
            }
        }
    }

    /// <summary>
    /// The statements of every member body in <paramref name="text"/> with at least <see cref="MinimumTokens"/> tokens
    /// of their own: the 1-based line where each starts, and its own tokens joined without white space or comments.
    /// </summary>
    public static IEnumerable<(int Line, string Code)> Statements(string text)
    {
        var root = CSharpSyntaxTree.ParseText(text).GetRoot();
        var bodies = root.DescendantNodes().Where(IsBody).Where(body => !body.Ancestors().Any(IsBody));
        foreach (var body in bodies)
        {
            // Every token of the body belongs to its innermost statement (blocks are not statements of their own here);
            // an expression body's tokens outside any statement form one unit.
            var units = body.DescendantTokens()
                .Where(token => !token.IsKind(SyntaxKind.EqualsGreaterThanToken) || token.Parent != body)
                .GroupBy(token => (SyntaxNode?)token.Parent?.AncestorsAndSelf().OfType<StatementSyntax>().FirstOrDefault(s => s is not BlockSyntax) ?? body);
            foreach (var unit in units)
            {
                var tokens = unit.Where(token => !(token.Parent is BlockSyntax && (token.IsKind(SyntaxKind.OpenBraceToken) || token.IsKind(SyntaxKind.CloseBraceToken)))).ToList();
                if (tokens.Count < MinimumTokens || tokens.Where(IsWord).Select(token => token.Text).Distinct().Count() < MinimumWords)
                {
                    continue;
                }

                var code = new StringBuilder();
                foreach (var token in tokens)
                {
                    code.Append(WhiteSpace().Replace(token.Text, string.Empty));
                }

                yield return (tokens[0].GetLocation().GetLineSpan().StartLinePosition.Line + 1, code.ToString());
            }
        }
    }

    private static bool IsWord(SyntaxToken token) =>
        (token.IsKind(SyntaxKind.IdentifierToken) && SyntaxFacts.GetContextualKeywordKind(token.Text) == SyntaxKind.None)
        || token.Kind() is SyntaxKind.NumericLiteralToken or SyntaxKind.StringLiteralToken
            or SyntaxKind.CharacterLiteralToken or SyntaxKind.InterpolatedStringTextToken
            or SyntaxKind.SingleLineRawStringLiteralToken or SyntaxKind.MultiLineRawStringLiteralToken;

    private static bool IsBody(SyntaxNode node) =>
        node switch
        {
            BlockSyntax { Parent: BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax } => true,
            ArrowExpressionClauseSyntax => true,
            _ => false,
        };

    private void Add(string code, string source, int line)
    {
        if (code.Length < KeyLength)
        {
            return;
        }

        var key = code[..KeyLength];
        (byKey.TryGetValue(key, out var list) ? list : byKey[key] = []).Add((code, source, line));
    }

    private IEnumerable<(string Code, string Source, int Line, int Start)> Matches(Normalized normalized)
    {
        var text = normalized.Text;
        var lookup = byKey.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var start = 0; start + KeyLength <= text.Length; start++)
        {
            if (!lookup.TryGetValue(text.AsSpan(start, KeyLength), out var candidates))
            {
                continue;
            }

            foreach (var (code, source, line) in candidates)
            {
                if (start + code.Length <= text.Length && string.CompareOrdinal(text, start, code, 0, code.Length) == 0)
                {
                    yield return (code, source, line, start);
                }
            }
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    /// <summary>A text without its white space, and the 1-based line of each remaining character.</summary>
    private sealed record Normalized(string Text, int[] Lines)
    {
        public static Normalized Of(string text)
        {
            var kept = new StringBuilder(text.Length);
            var lines = new List<int>(text.Length);
            var line = 1;
            foreach (var c in text)
            {
                if (c == '\n')
                {
                    line++;
                }

                if (!char.IsWhiteSpace(c))
                {
                    kept.Append(c);
                    lines.Add(line);
                }
            }

            return new Normalized(kept.ToString(), [.. lines]);
        }
    }
}
