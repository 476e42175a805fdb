import { builder } from '../builder';
import { ProgramStage, Sector } from '../generated/prisma/enums';

export const SectorEnum = builder.enumType(Sector, {
  name: 'Sector',
  description: 'Manufacturing sector of an IKM, after the KBLI 2020 category C (industri pengolahan) groups.',
});

export const ProgramStageEnum = builder.enumType(ProgramStage, {
  name: 'ProgramStage',
  description:
    'Stage of a Sentra IKM in the Disperin empowerment programme (pemberdayaan): IDENTIFIED, FORMING, EMPOWERMENT, DEVELOPING, INDEPENDENT.',
});
