using Xunit.Abstractions;
using Xunit.Sdk;

namespace TeamRetro.Confluence.Integration.Tests.BadInput;

/// <summary>Runs the corpus cases first and the checks named <c>After_the_whole_corpus_*</c> last, whatever xunit's default order.</summary>
public sealed class CorpusOrder : ITestCaseOrderer
{
    public const string TypeName = "TeamRetro.Confluence.Integration.Tests.BadInput.CorpusOrder";
    public const string AssemblyName = "TeamRetro.Confluence.Integration.Tests";
    public const string LastPrefix = "After_the_whole_corpus_";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases) where TTestCase : ITestCase =>
        testCases.OrderBy(t => t.TestMethod.Method.Name.StartsWith(LastPrefix, StringComparison.Ordinal) ? 1 : 0);
}
