using DistSys.Grader.Kit;

namespace DistSys.Grader.Tests;

/// <summary>What every throwaway kit of these tests needs besides its own files: the solution marker and the kit's API allow-list.</summary>
internal static class TinyKit
{
    public static void WriteKitFiles(string kitRoot)
    {
        File.WriteAllText(Path.Combine(kitRoot, "DistSys.sln"), string.Empty);
        var realKit = KitLayout.Locate(null, TestContext.CurrentContext.TestDirectory);
        Directory.CreateDirectory(Path.Combine(kitRoot, "grader"));
        File.Copy(Path.Combine(realKit.Root, "grader", "allowed-apis.yaml"), Path.Combine(kitRoot, "grader", "allowed-apis.yaml"), overwrite: true);
    }
}
