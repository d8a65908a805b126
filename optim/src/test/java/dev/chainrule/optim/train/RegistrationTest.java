package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Reduction;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.BatchNorm1d;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.nn.loss.Losses;
import dev.chainrule.optim.Sgd;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.data.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer refuses a model that trains what it does not register. A layer kept only in a
 * field (PyTorch would have registered it) got gradients that nothing used or cleared, was never
 * stepped, and was left out of checkpoints, and the run went on without a word. Such a field is
 * refused as the optimizer is built ({@code Module.checkRegistered}), and so is one in a record, an
 * {@code Optional}, nested lists or a lambda in a field; what the fields do not show (a field
 * marked transient, a layer a plain object of one's own holds) is refused by the output's graph at
 * fit.
 */
class RegistrationTest {
  private static final Dataset DATA = new Dataset(Tensors.randn(Shape.of(16, 2), 3L),
      Tensors.randn(Shape.of(16, 1), 4L));

  /** Its second layer is only a field. */
  static final class Forgetful extends Module {
    final Dense first = registerModule("first", Dense.of(2, 4, 1L));
    final Dense second = Dense.of(4, 1, 2L);

    @Override
    public Variable forward(Variable x) {
      return second.forward(first.forward(x).tanh());
    }
  }

  /** Its second layer is a field marked as left out on purpose, yet trained through. */
  static final class LeftOutButTrained extends Module {
    final Dense first = registerModule("first", Dense.of(2, 4, 1L));
    final transient Dense second = Dense.of(4, 1, 2L);

    @Override
    public Variable forward(Variable x) {
      return second.forward(first.forward(x).tanh());
    }
  }

  /** Layers kept in a plain list, as a loop over blocks keeps them without registering each. */
  static final class ListedBlocks extends Module {
    final List<Dense> blocks = List.of(Dense.of(2, 2, 1L), Dense.of(2, 1, 2L));

    @Override
    public Variable forward(Variable x) {
      return blocks.get(1).forward(blocks.get(0).forward(x).tanh());
    }
  }

  /**
   * A checkpoint of such a model held none of its weights and was written without a word (a
   * model trained in a loop of one's own, with no optimizer built from it, reached no check).
   */
  @Test
  void aModelThatDoesNotRegisterItsLayersIsNotSavedWithoutThem(@TempDir Path dir) {
    ListedBlocks model = new ListedBlocks();
    assertEquals(0, model.stateDict().size(), "nothing the file would hold");
    Path file = dir.resolve("blocks.safetensors");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> ModelCheckpoint.save(file, model, null, Map.of()));
    assertTrue(e.getMessage().startsWith("checkRegistered: ListedBlocks.blocks[0] holds a Dense"
        + " that the model does not register; ListedBlocks.blocks[1] holds a Dense"),
        e.getMessage());
    assertTrue(Files.notExists(file), "no file written");
    ModelCheckpoint.save(file, new LeftOutButTrained(), null, Map.of());
    assertTrue(Files.exists(file), "a field marked transient is left out on purpose");
  }

  @Test
  void aLayerKeptOnlyInAFieldIsRefusedAsTheOptimizerIsBuilt() {
    Forgetful model = new Forgetful();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Sgd.builder(0.1).build(model));
    assertTrue(e.getMessage().startsWith("checkRegistered: Forgetful.second holds a Dense that"
        + " the model does not register"), e.getMessage());
    // An optimizer of the registered parameters alone does not get past the trainer either.
    assertTrue(assertThrows(IllegalStateException.class, () -> Trainer.builder(model,
            Loss.meanSquaredError(), Sgd.builder(0.1).build(model.first.parameters())))
        .getMessage().startsWith("checkRegistered: Forgetful.second holds a Dense that the model"
        + " does not register; a module or parameter held only in a field is"
        + " not trained, saved or converted "));
  }

  @Test
  void aLayerTheFieldsDoNotShowIsRefusedBeforeAnyStep() {
    LeftOutButTrained model = new LeftOutButTrained();
    Tensor before = model.first.weight().value().copy();
    Trainer trainer = Trainer.builder(model, Loss.meanSquaredError(),
        Sgd.builder(0.1).build(model)).epochs(2).batchSize(8).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> trainer.fit(DATA));
    assertEquals("Trainer: the model's output depends on a parameter 'weight' [1, 4]"
        + " that the model does not register and the optimizer does not hold, so it would never"
        + " be trained, saved or cleared: register it in its module (registerModule for a layer"
        + " kept in a field, registerParameter for a parameter); for a part kept frozen on"
        + " purpose, register it and freeze it (requiresGrad(false)), which keeps it in the"
        + " model's files", e.getMessage());
    assertEquals(before, model.first.weight().value(), "refused before the first step");
  }

  /**
   * A layer an anonymous module captures and uses without registering it: it passed the checks
   * (the compiler's field for it is synthetic, and all synthetic fields were skipped), so the
   * optimizer took the model, the layer never moved, and a checkpoint was written without it.
   */
  @Test
  void aLayerAnAnonymousModuleCapturesIsRefusedAsTheOptimizerIsBuiltAndAsItIsSaved(
      @TempDir Path dir) {
    Dense d1 = Dense.of(2, 4, 1L);
    Dense d2 = Dense.of(4, 1, 2L);
    Module model = new Module() {
      {
        registerModule("d1", d1);
      }

      @Override
      public Variable forward(Variable x) {
        return d2.forward(d1.forward(x).tanh());
      }
    };
    String refusal = "checkRegistered: captured variable d2 of <anonymous Module in"
        + " RegistrationTest.aLayerAnAnonymousModuleCapturesIsRefusedAsTheOptimizerIsBuiltAndAs"
        + "ItIsSaved> holds a Dense that the model does not register";
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Sgd.builder(0.1).build(model));
    assertTrue(e.getMessage().startsWith(refusal), e.getMessage());
    Path file = dir.resolve("anonymous.safetensors");
    e = assertThrows(IllegalStateException.class,
        () -> ModelCheckpoint.save(file, model, null, Map.of()));
    assertTrue(e.getMessage().startsWith(refusal), e.getMessage());
    assertTrue(Files.notExists(file), "no file written");
  }

  /** Its second layer is reached only through a lambda, which keeps it. */
  static final class LambdaHeld extends Module {
    final Dense first = registerModule("first", Dense.of(2, 4, 1L));
    final UnaryOperator<Variable> second = Dense.of(4, 1, 2L)::forward;

    @Override
    public Variable forward(Variable x) {
      return second.apply(first.forward(x).tanh());
    }
  }

  /**
   * A layer a method reference keeps passed the fields (the check read none of a lambda's) and
   * was refused only at the first batch; now as the optimizer is built.
   */
  @Test
  void aLayerALambdaHoldsIsRefusedAsTheOptimizerIsBuilt() {
    LambdaHeld model = new LambdaHeld();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Sgd.builder(0.1).build(model));
    assertTrue(e.getMessage().startsWith("checkRegistered: LambdaHeld.second (captured by a"
        + " lambda) holds a Dense that the model does not register"), e.getMessage());
  }

  /** A plain object of one's own, which the check does not open (it may be anything). */
  static final class Stage {
    final Dense dense = Dense.of(4, 1, 2L);
  }

  /** Its second layer is in a plain object: no field the check reads shows the layer. */
  static final class ObjectHeld extends Module {
    final Dense first = registerModule("first", Dense.of(2, 4, 1L));
    final Stage stage = new Stage();

    @Override
    public Variable forward(Variable x) {
      return stage.dense.forward(first.forward(x).tanh());
    }
  }

  @Test
  void aLayerAPlainObjectHoldsPassesTheFieldsAndIsRefusedAtTheFirstBatch() {
    ObjectHeld model = new ObjectHeld();
    Trainer trainer = Trainer.builder(model, Loss.meanSquaredError(),
        Sgd.builder(0.1).build(model)).epochs(1).batchSize(8).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> trainer.fit(DATA));
    assertTrue(e.getMessage().startsWith("Trainer: the model's output depends on a parameter"
        + " 'weight' [1, 4] that the model does not register"), e.getMessage());
  }

  /** A normalization without parameters grouped in a record: no graph check could see it. */
  record Parts(BatchNorm1d norm) {}

  static final class RecordHeld extends Module {
    final Dense in = registerModule("in", Dense.of(2, 4, 1L));
    final Parts parts = new Parts(BatchNorm1d.builder(4).affine(false).build());
    final Dense out = registerModule("out", Dense.of(4, 1, 2L));

    @Override
    public Variable forward(Variable x) {
      return out.forward(parts.norm().forward(in.forward(x)).relu());
    }
  }

  /**
   * Its running statistics trained, were left out of the checkpoint, and a fresh model loaded
   * the file as an exact match and answered otherwise: refused as the optimizer is built and as
   * the model is saved, before any file is written.
   */
  @Test
  void aStatefulLayerInARecordIsRefusedAsTheOptimizerIsBuiltAndAsItIsSaved(@TempDir Path dir) {
    RecordHeld model = new RecordHeld();
    String refusal = "checkRegistered: RecordHeld.parts.norm holds a BatchNorm1d that the model"
        + " does not register";
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Sgd.builder(0.1).build(model));
    assertTrue(e.getMessage().startsWith(refusal), e.getMessage());
    Path file = dir.resolve("record.safetensors");
    e = assertThrows(IllegalStateException.class,
        () -> ModelCheckpoint.save(file, model, null, Map.of()));
    assertTrue(e.getMessage().startsWith(refusal), e.getMessage());
    assertTrue(Files.notExists(file), "no file written");
  }

  @Test
  void aLossMayUseAnotherModelThatTrainsNothing() {
    // A critic of the prediction inside the loss, recorded: its weights are trainable leaves of
    // no one's in the loss's graph; the check looks at the model's output, which does not reach
    // them (a teacher to distil or a GAN's discriminator is such a model).
    Sequential student = Sequential.of(Dense.of(2, 1, 5L));
    Sequential critic = Sequential.of(Dense.of(1, 1, 6L));
    Tensor criticWeight = critic.parameters().get(0).value().copy();
    Loss judged = (prediction, target) -> Losses.meanSquaredError(critic.forward(prediction),
        target, Reduction.MEAN);
    Trainer.builder(student, judged, Sgd.builder(0.1).build(student)).epochs(2)
        .batchSize(DATA.size()).build().fit(DATA);
    assertEquals(criticWeight, critic.parameters().get(0).value(), "the critic trains not");
  }

  @Test
  void aParameterTheOptimizerHoldsApartFromTheModelIsTrained() {
    // A loss with a learnable scale of its own, given to the optimizer beside the model's.
    Sequential model = Sequential.of(Dense.of(2, 1, 5L));
    Variable scale = Variable.parameter(Tensor.scalar(1.0), "scale");
    Loss scaled = (prediction, target) -> Losses.meanSquaredError(prediction.mul(scale), target,
        Reduction.MEAN);
    List<Variable> trained = new ArrayList<>(model.parameters());
    trained.add(scale);
    Trainer.builder(model, scaled, Sgd.builder(0.1).build(trained)).epochs(2).batchSize(8)
        .build().fit(DATA);
    assertNotEquals(1.0, scale.item(), "the scale was stepped");
  }
}
