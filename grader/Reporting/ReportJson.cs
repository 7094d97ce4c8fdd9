using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DistSys.Grader.Reporting;

/// <summary>
/// The one JSON style of every document the grader writes (reports, comparisons, batch files): snake_case names,
/// indented, and non-ASCII text written as itself, so that a message reads the same in the file as on the console.
/// </summary>
internal static class ReportJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The same style without null members: for outside formats whose readers treat "absent" and "null" differently.</summary>
    public static readonly JsonSerializerOptions OmittingNulls = new(Options)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
