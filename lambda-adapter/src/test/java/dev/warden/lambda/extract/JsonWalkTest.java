package dev.warden.lambda.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.extract.Input;
import dev.warden.extract.InputCollector;
import dev.warden.extract.Source;
import dev.warden.policy.Policy;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonWalkTest {

  private static List<String> walk(String json, String root) {
    InputCollector out = new InputCollector(Policy.defaults());
    assertThat(Json.walk(json, Source.BODY, root, out)).isTrue();
    return out.inputs().stream().map(i -> (i.name() ? "name " : "value ") + i.path() + "=" + i.text()).toList();
  }

  @Test
  void walk_nestedObjectsAndArrays_eachLocationIsItsContainerAndOneStep() {
    String json = "{\"a\":{\"b\":\"x\",\"c\":[\"y\",1,true,{\"d\":\"z\"},[\"w\",[\"v\"]],null,\"u\"]},\"e\":\"t\"}";
    assertThat(walk(json, "body")).containsExactly(
        "name body.a=a",
        "name body.a.b=b", "value body.a.b=x",
        "name body.a.c=c", "value body.a.c[0]=y",
        "name body.a.c[3].d=d", "value body.a.c[3].d=z",
        "value body.a.c[4][0]=w", "value body.a.c[4][1][0]=v",
        "value body.a.c[6]=u",
        "name body.e=e", "value body.e=t");
  }

  @Test
  void walk_rootArrayAndRootString_pathsStartAtTheRoot() {
    assertThat(walk("[\"a\",{\"k\":\"b\"},[\"c\"]]", "sqs[0].body")).containsExactly(
        "value sqs[0].body[0]=a", "name sqs[0].body[1].k=k", "value sqs[0].body[1].k=b", "value sqs[0].body[2][0]=c");
    assertThat(walk("\"plain\"", "body")).containsExactly("value body=plain");
  }

  @Test
  void walk_longKey_cutTo128CharactersInThePathOnly() {
    String key = "k".repeat(200);
    assertThat(walk("{\"" + key + "\":{\"x\":\"v\"}}", "body")).containsExactly(
        "name body." + "k".repeat(128) + "=" + key,
        "name body." + "k".repeat(128) + ".x=x", "value body." + "k".repeat(128) + ".x=v");
  }
}
