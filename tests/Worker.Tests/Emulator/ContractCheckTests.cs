using System.Text.Json;
using TeamRetro.Confluence.Emulator.Contracts;
using TeamRetro.Confluence.Publishing.Confluence;

namespace TeamRetro.Confluence.Worker.Tests.Emulator;

/// <summary>The contracts hold what Atlassian describes, and the checker refuses anything else.</summary>
public sealed class ContractCheckTests
{
    static readonly string[] Token = ["X-Atlassian-Token"];
    static readonly string[] Upload = ["file", "minorEdit", "comment"];

    [Fact]
    public void Data_Center_has_no_PUT_on_child_attachment_while_Cloud_has()
    {
        var put = Multipart("PUT", "rest/api/content/1/child/attachment", Upload, Token);

        Assert.Equal(["PUT rest/api/content/{id}/child/attachment is not an operation of Data Center (it describes GET, POST there)"],
            ApiContract.DataCenter.Violations(put));
        Assert.Empty(ApiContract.Cloud.Violations(put));
    }

    [Fact]
    public void A_new_attachment_version_posted_to_its_data_passes_on_both_products()
    {
        var post = Multipart("POST", "rest/api/content/98001/child/attachment/att2/data", Upload, Token);

        Assert.Empty(ApiContract.DataCenter.Violations(post));
        Assert.Empty(ApiContract.Cloud.Violations(post));
    }

    [Fact]
    public void Data_Center_has_no_v2_at_all()
    {
        var get = Get("api/v2/pages?space-id=1&title=Retro&status=current&limit=25");

        Assert.Equal(["GET api/v2/pages is not an operation of Data Center"], ApiContract.DataCenter.Violations(get));
        Assert.Empty(ApiContract.Cloud.Violations(get));
    }

    [Fact]
    public void An_undocumented_JSON_field_is_refused()
    {
        var create = Json("POST", "rest/api/content", new
        {
            type = "page",
            title = "Retro",
            space = new { key = "TEAM" },
            body = new { storage = new { value = "<p/>", representation = "storage" } },
            foo = new { bar = 1 },
        });

        Assert.Equal(["POST rest/api/content: JSON field 'foo.bar' is not in Atlassian's description (createContent)"], ApiContract.Cloud.Violations(create));
    }

    [Fact]
    public void An_undocumented_query_parameter_is_refused_and_documented_unused_ones_pass()
    {
        var create = Json("POST", "rest/api/content?foo=1&status=current&expand=version", new { type = "page", title = "Retro", space = new { key = "TEAM" } });

        Assert.Equal(["POST rest/api/content: query 'foo' is not in Atlassian's description (createContent)"], ApiContract.Cloud.Violations(create));
        Assert.Empty(ApiContract.Cloud.Violations(Get("rest/api/space?spaceKey=A&spaceKey=B&favourite=true&start=25&limit=25")));
    }

    [Fact]
    public void A_v2_page_created_without_its_space_id_is_refused()
    {
        var create = Json("POST", "api/v2/pages", new { status = "current", title = "Retro", body = new { representation = "storage", value = "<p/>" } });

        Assert.Equal(["POST api/v2/pages: required JSON field 'spaceId' is missing (createPage)"], ApiContract.Cloud.Violations(create));
    }

    [Fact]
    public void Cloud_requires_minorEdit_and_the_XSRF_header_on_an_upload()
    {
        var upload = Multipart("POST", "rest/api/content/1/child/attachment", ["file", "comment"]);

        Assert.Equal([
            "POST rest/api/content/1/child/attachment: required multipart 'minorEdit' is missing (createAttachment)",
            "POST rest/api/content/1/child/attachment: required header 'X-Atlassian-Token' is missing (createAttachment)",
        ], ApiContract.Cloud.Violations(upload));
        Assert.Empty(ApiContract.Cloud.Violations(Multipart("POST", "rest/api/content/1/child/attachment", Upload, ["x-atlassian-token"])));
    }

    [Fact]
    public void An_undocumented_multipart_part_or_a_body_the_operation_does_not_take_is_refused()
    {
        var upload = Multipart("POST", "rest/api/content/1/child/attachment", ["file", "minorEdit", "fileName"], Token);
        var get = new ContractRequest("GET", "rest/api/content", [], ["type"], null, []);

        Assert.Equal(["POST rest/api/content/1/child/attachment: multipart 'fileName' is not in Atlassian's description (createAttachment)"],
            ApiContract.Cloud.Violations(upload));
        Assert.Equal(["GET rest/api/content: a JSON body is not in Atlassian's description (getContent)"], ApiContract.DataCenter.Violations(get));
    }

    [Fact]
    public void A_nested_required_field_binds_only_when_its_parent_is_sent()
    {
        var withoutSpace = Json("POST", "rest/api/content", new { type = "page", title = "Retro" });
        var spaceWithoutKey = Json("POST", "rest/api/content", new { type = "page", title = "Retro", space = new { name = "Team", icon = new { path = "/x.png" } } });

        Assert.Empty(ApiContract.Cloud.Violations(withoutSpace));
        Assert.Equal(["POST rest/api/content: required JSON field 'space.key' is missing (createContent)"], ApiContract.Cloud.Violations(spaceWithoutKey));
    }

    [Fact]
    public void Path_placeholders_match_one_id_segment_only()
    {
        Assert.Empty(ApiContract.DataCenter.Violations(Get("rest/api/content/98001/child/attachment?filename=retro.pdf")));
        Assert.Equal(["GET rest/api/content/1/2/child/attachment is not an operation of Data Center"],
            ApiContract.DataCenter.Violations(Get("rest/api/content/1/2/child/attachment")));
        Assert.Equal(["GET rest/api/content/a_b/child/attachment is not an operation of Data Center"],
            ApiContract.DataCenter.Violations(Get("rest/api/content/a_b/child/attachment")));
    }

    [Fact]
    public void JsonFieldPaths_flattens_objects_arrays_and_arrays_of_scalars()
    {
        var body = JsonSerializer.SerializeToElement(new
        {
            type = "page",
            space = new { key = "TEAM" },
            ancestors = new[] { new { id = "1" }, new { id = "2" } },
            body = new { storage = new { value = "<p/>", representation = "storage" } },
            labels = new[] { "a", "b" },
            metadata = new { },
            children = Array.Empty<int>(),
            version = new { number = 2, message = (string?)null },
        });

        Assert.Equal([
            "type", "space.key", "ancestors[].id", "body.storage.value", "body.storage.representation", "labels[]", "metadata", "children[]",
            "version.number", "version.message",
        ], ContractRequest.JsonFieldPaths(body));
    }

    [Fact]
    public void Data_Center_and_Cloud_v2_describe_every_field_our_client_writes()
    {
        var v1Create = new V1ContentWrite("page", "Retro", new V1SpaceRef("TEAM"), [new V1Ref("10")], new V1Body(new V1Storage("<p/>")), new V1VersionWrite(null, "marker"));
        var v1Update = new V1ContentWrite("page", "Retro", null, null, new V1Body(new V1Storage("<p/>")), new V1VersionWrite(3, "marker"));
        var v2Create = new V2PageCreate("65538", "current", "Retro", "10", new V2Body("<p/>"));
        var v2Update = new V2PageUpdate("98001", "current", "Retro", new V2Body("<p/>"), new V2VersionWrite(3, "marker"));

        Assert.Empty(ApiContract.DataCenter.Violations(Json("POST", "rest/api/content", v1Create)));
        Assert.Empty(ApiContract.DataCenter.Violations(Json("PUT", "rest/api/content/98001", v1Update)));
        Assert.Empty(ApiContract.Cloud.Violations(Json("POST", "api/v2/pages", v2Create)));
        Assert.Empty(ApiContract.Cloud.Violations(Json("PUT", "api/v2/pages/98001", v2Update)));
    }

    [Fact]
    public void Cloud_v1_describes_no_version_on_create_so_our_client_sends_none_there_and_only_number_and_message_on_update()
    {
        // Cloud's v1 ContentCreate has no version; ContentUpdate has version.number, and version.message since the 2021 snapshot.
        var withMarker = new V1ContentWrite("page", "Retro", new V1SpaceRef("TEAM"), null, new V1Body(new V1Storage("<p/>")), new V1VersionWrite(null, "marker"));
        var create = withMarker with { Version = null };
        var update = new V1ContentWrite("page", "Retro", null, null, new V1Body(new V1Storage("<p/>")), new V1VersionWrite(3, "marker"));

        Assert.Equal(["POST rest/api/content: JSON field 'version.message' is not in Atlassian's description (createContent)"],
            ApiContract.Cloud.Violations(Json("POST", "rest/api/content", withMarker)));
        Assert.Empty(ApiContract.Cloud.Violations(Json("POST", "rest/api/content", create)));
        Assert.Empty(ApiContract.Cloud.Violations(Json("PUT", "rest/api/content/98001", update)));
    }

    [Fact]
    public void Every_contract_names_its_source_and_every_operation_its_operationId()
    {
        foreach (var contract in new[] { ApiContract.CloudV1, ApiContract.CloudV2, ApiContract.DataCenter })
        {
            Assert.NotEmpty(contract.Operations);
            Assert.All(contract.Sources, s => Assert.False(string.IsNullOrWhiteSpace(s), contract.Name));
            Assert.All(contract.Operations, o =>
            {
                Assert.False(string.IsNullOrWhiteSpace(o.OperationId), $"{contract.Name}: {o.Method} {o.Path}");
                Assert.Contains(o.Method, new[] { "GET", "POST", "PUT" });
                Assert.False(o.Path.StartsWith('/') || o.Path.Contains('?'), o.Path);
                Assert.NotNull(o.Query);
                Assert.NotNull(o.Headers);
            });
        }
        Assert.Equal(ApiContract.CloudV1.Operations.Count + ApiContract.CloudV2.Operations.Count, ApiContract.Cloud.Operations.Count);
        Assert.DoesNotContain(ApiContract.DataCenter.Operations, o => o.Path.StartsWith("api/v2/", StringComparison.Ordinal));
    }

    static ContractRequest Get(string pathAndQuery)
    {
        var (path, query) = Split(pathAndQuery);
        return new ContractRequest("GET", path, query, null, null, []);
    }

    static ContractRequest Json(string method, string pathAndQuery, object body)
    {
        var (path, query) = Split(pathAndQuery);
        var fields = ContractRequest.JsonFieldPaths(JsonSerializer.SerializeToElement(body, body.GetType(), ConfluenceClient.Json));
        return new ContractRequest(method, path, query, fields, null, ["Content-Type"]);
    }

    static ContractRequest Multipart(string method, string path, string[] parts, string[]? headers = null) =>
        new(method, path, [], null, parts, headers ?? []);

    static (string Path, string[] QueryKeys) Split(string pathAndQuery)
    {
        var parts = pathAndQuery.Split('?', 2);
        var keys = parts.Length == 2 ? parts[1].Split('&').Select(p => p.Split('=')[0]).ToArray() : [];
        return (parts[0], keys);
    }
}
