/**
 * Minimal typings for the parts of NLP.js we use (the packages ship plain CommonJS without types).
 * Only what src/nlu calls is declared, so a wrong call fails the typecheck.
 */
declare module '@nlpjs/neural' {
  export interface NeuralNetworkSettings {
    iterations?: number;
    errorThresh?: number;
    deltaErrorThresh?: number;
    learningRate?: number;
    momentum?: number;
    alpha?: number;
    log?: boolean;
  }
  /** Features present in one utterance (value 1 = present) and the expected intent (value 1). */
  export interface TrainingSample {
    input: Record<string, number>;
    output: Record<string, number>;
  }
  export interface TrainStatus {
    error: number;
    deltaError: number;
    iterations: number;
  }
  export interface NeuralNetworkJson {
    settings: NeuralNetworkSettings;
    features?: string[];
    intents?: string[];
    perceptrons?: number[][];
  }
  export class NeuralNetwork {
    constructor(settings?: NeuralNetworkSettings);
    train(corpus: TrainingSample[]): TrainStatus;
    /** One output per intent, 0 when the perceptron does not fire. Undefined before training. */
    run(input: Record<string, number>): Record<string, number> | undefined;
    toJSON(): NeuralNetworkJson;
    fromJSON(json: NeuralNetworkJson): void;
  }
}

declare module '@nlpjs/lang-en-min' {
  export class StemmerEn {
    constructor();
    stemWord(word: string): string;
  }
}
