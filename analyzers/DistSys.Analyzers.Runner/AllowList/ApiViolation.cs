using System.Globalization;

namespace DistSys.Analyzers.Runner.AllowList;

/// <summary>One refused use of an API in a student's source file, positioned 1-based.</summary>
/// <param name="Id">The technique, <c>DS100</c> to <c>DS110</c> (see <see cref="AllowListRules"/>).</param>
/// <param name="Path">The file, relative to the display root when below it, with forward slashes.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Api">The API as the allow-list names it, e.g. <c>System.IO.File.WriteAllText</c>, or the language feature.</param>
/// <param name="Reason">Why exercise code may not use it.</param>
public sealed record ApiViolation(string Id, string Path, int Line, int Column, string Api, string Reason)
{
    /// <summary>Shown like a compiler error: <c>path(line,col): DSxxx: API is not available to exercise code: why</c>.</summary>
    public string Text => string.Create(CultureInfo.InvariantCulture, $"{Path}({Line},{Column}): {Id}: {Api} is not available to exercise code: {Reason}");

    /// <inheritdoc />
    public override string ToString() => Text;
}
