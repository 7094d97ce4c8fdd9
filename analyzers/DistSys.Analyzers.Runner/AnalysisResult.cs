namespace DistSys.Analyzers.Runner;

/// <summary>One DS finding, positioned 1-based in a source file.</summary>
/// <param name="Id">The rule, e.g. <c>DS001</c>.</param>
/// <param name="Path">The file, relative to the working directory when it lies below it, with forward slashes.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Severity"><c>warning</c> (every DS rule is a warning).</param>
/// <param name="Message">The rule's message for this finding.</param>
/// <param name="Help">The rule's documentation page.</param>
public sealed record Finding(string Id, string Path, int Line, int Column, string Severity, string Message, string Help);

/// <summary>A compiler error in the analyzed source. The source is analyzed anyway; errors are reported beside findings.</summary>
public sealed record CompilerError(string Id, string Path, int Line, int Column, string Message);

/// <summary>What a run found: the DS findings and the compiler errors, each sorted by path, line, column and id.</summary>
public sealed record AnalysisResult(IReadOnlyList<Finding> Findings, IReadOnlyList<CompilerError> CompilerErrors, IReadOnlyList<string> Files);

/// <summary>An input path that does not exist or cannot be read. Callers turn it into a clear message and exit code 2.</summary>
public sealed class AnalysisInputException(string message, Exception? inner = null) : Exception(message, inner);
