import './letter.reminders';
import type { AppModule } from '..';
import { registerNodeFetcher } from '../../common/node-registry';
import { Assessment, ResponsibilityItem, ResponsibilityLetter } from './letter.entity';
import { AssessmentResolver, LetterResolver, ResponsibilityItemResolver } from './letter.resolver';
import { letterRules } from './letter.rules';
import { LetterService } from './letter.service';

registerNodeFetcher(ResponsibilityLetter.typename, (ctx, id) => LetterService.findVisible(ctx, id));
registerNodeFetcher(ResponsibilityItem.typename, (ctx, id) => LetterService.findVisibleItem(ctx, id));
registerNodeFetcher(Assessment.typename, (ctx, id) => LetterService.findVisibleAssessment(ctx, id));

export const lettersModule: AppModule = { resolvers: [LetterResolver, ResponsibilityItemResolver, AssessmentResolver], rules: letterRules };
