using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.Text;

namespace DistSys.Analyzers.Tests.Harness;

/// <summary>An expected diagnostic: the rule and the exact span it should cover.</summary>
internal sealed record ExpectedDiagnostic(string Id, TextSpan Span);

/// <summary>Test sources mark expected diagnostics as <c>{|DS001:text|}</c>; this strips the marks and records the spans.</summary>
internal static partial class Markup
{
    [GeneratedRegex(@"\{\|(?<id>DS\d{3}):|\|\}")]
    private static partial Regex Marker();

    public static (string Source, IReadOnlyList<ExpectedDiagnostic> Expected) Parse(string markup)
    {
        var source = new StringBuilder();
        var expected = new List<ExpectedDiagnostic>();
        var open = new Stack<(string Id, int Start)>();
        var last = 0;
        foreach (Match match in Marker().Matches(markup))
        {
            source.Append(markup, last, match.Index - last);
            last = match.Index + match.Length;
            if (match.Groups["id"].Success)
            {
                open.Push((match.Groups["id"].Value, source.Length));
            }
            else
            {
                var (id, start) = open.Pop();
                expected.Add(new ExpectedDiagnostic(id, TextSpan.FromBounds(start, source.Length)));
            }
        }
        source.Append(markup, last, markup.Length - last);
        if (open.Count > 0)
        {
            throw new ArgumentException("Unclosed {|ID: marker in test source.", nameof(markup));
        }
        return (source.ToString(), expected.OrderBy(e => e.Span.Start).ToList());
    }
}
