// Linked into every exercise suite. `dotnet test` ignores this entry point (VSTest loads the assembly itself);
// the grader runs the built suite as a program so that it can time and, if need be, kill each test.
internal static class SuiteEntryPoint
{
    private static int Main(string[] args) =>
        DistSys.Testing.Hosting.SuiteHost.Run(typeof(SuiteEntryPoint).Assembly, args);
}
